import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { ROUTES } from './routes';
import { startRoute } from './startRoute';
import { hasAcceptedPrivacy, setPendingPrivacyResolve } from './stores/privacy';
import { tokenStore } from './stores/tokens';
import './app.scss';

// H5: runs before Taro creates the router (the generated entry imports this file first), so a
// first visit opens the privacy notice directly instead of loading 首页 only to reLaunch from it.
if (process.env.TARO_ENV === 'h5') {
  const to = startRoute(window.location.hash, hasAcceptedPrivacy(), tokenStore.get() !== null);
  if (to) window.history.replaceState(window.history.state, '', `#${to}`);
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
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

  // children is the current page
  return children;
}

export default App;
