import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { ROUTES } from './routes';
import { startRoute } from './startRoute';
import { hasAcceptedPrivacy, setPendingPrivacyResolve } from './stores/privacy';
import { tokenStore } from './stores/tokens';
import './app.scss';

function focusWholeField(e: MouseEvent): void {
  const target = e.target as Element | null;
  const box = target?.closest?.('taro-input-core, taro-textarea-core');
  if (!box || target?.matches('input, textarea')) return;
  box.querySelector<HTMLElement>('input, textarea')?.focus();
}

// H5: runs before Taro creates the router (the generated entry imports this file first), so a
// first visit opens the privacy notice directly instead of loading 首页 only to reLaunch from it.
if (process.env.TARO_ENV === 'h5') {
  const to = startRoute(window.location.hash, hasAcceptedPrivacy(), tokenStore.get() !== null);
  if (to) window.history.replaceState(window.history.state, '', `#${to}`);
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // In the browser a text field is a <taro-input-core> box around a shorter native <input>: a
    // tap on the box outside the native element would do nothing, so the whole box focuses it.
    if (process.env.TARO_ENV === 'h5') document.addEventListener('click', focusWholeField);

    // A refresh token the server no longer accepts: back to sign-in.
    tokenStore.onCleared((reason) => {
      if (reason === 'expired') Taro.reLaunch({ url: ROUTES.login });
    });

    // WeChat holds a privacy-protected call (location, …) until the user agrees on our notice.
    if (process.env.TARO_ENV === 'weapp' && typeof Taro.onNeedPrivacyAuthorization === 'function') {
      Taro.onNeedPrivacyAuthorization((resolve) => {
        setPendingPrivacyResolve(resolve);
        resolve({ event: 'exposureAuthorization' });
        Taro.navigateTo({ url: `${ROUTES.privacy}?pending=1` });
      });
    }
  });

  // An unknown link (an old share, a typo in the address bar) lands on a page with a way home.
  usePageNotFound(() => {
    Taro.redirectTo({ url: ROUTES.notFound }).catch(() => Taro.reLaunch({ url: ROUTES.notFound }));
  });

  // children is the current page
  return children;
}

export default App;
