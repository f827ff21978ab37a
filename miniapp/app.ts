import type { PropsWithChildren } from 'react';
import Taro, { useLaunch } from '@tarojs/taro';
import { ROUTES } from './routes';
import { setPendingPrivacyResolve } from './stores/privacy';
import { tokenStore } from './stores/tokens';
import './app.scss';

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
