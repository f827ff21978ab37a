import { ROUTES } from './routes';

/**
 * H5 only: the page a launch at the app's root should open instead of 首页. A first visit goes
 * straight to the privacy notice, a signed-out one to sign-in — the same places the session gate
 * on 首页 would reLaunch to, without first downloading and rendering 首页 just to leave it.
 * `hash` is `location.hash`; anything other than the root or 首页 itself (a deep link) is left to
 * the pages' own gates. Null: open what the address says.
 */
export function startRoute(hash: string, acceptedPrivacy: boolean, signedIn: boolean): string | null {
  const path = hash.replace(/^#/, '').split('?')[0];
  if (path !== '' && path !== '/' && path !== ROUTES.home) return null;
  if (!acceptedPrivacy) return ROUTES.privacy;
  if (!signedIn) return ROUTES.login;
  return null;
}
