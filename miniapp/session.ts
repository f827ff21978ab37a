import Taro, { useDidShow } from '@tarojs/taro';
import type { Me } from './api/me';
import { ROUTES } from './routes';
import { isSignedIn, isStaff, loadMe, userStore, useUser } from './stores/auth';
import { hasAcceptedPrivacy } from './stores/privacy';

/** Where someone goes right after signing in: staff to their 工作台, residents to 首页. */
export function goLanding(user: Pick<Me, 'role'> | null): void {
  Taro.reLaunch({ url: isStaff(user) ? ROUTES.workbench : ROUTES.home });
}

/** For the sign-in page: first-time users read the privacy notice first. */
export function usePrivacyGate(): void {
  useDidShow(() => {
    if (!hasAcceptedPrivacy()) Taro.reLaunch({ url: ROUTES.privacy });
  });
}

/**
 * For pages that need a signed-in user: sends first-time users to the privacy notice, signed-out
 * users to sign-in, and loads the profile when the app starts with saved tokens.
 */
export function useSessionGate(): Me | null {
  const user = useUser();
  useDidShow(() => {
    if (!hasAcceptedPrivacy()) {
      Taro.reLaunch({ url: ROUTES.privacy });
    } else if (!isSignedIn()) {
      Taro.reLaunch({ url: ROUTES.login });
    } else if (!userStore.get()) {
      loadMe().catch(() => undefined);
    }
  });
  return user;
}
