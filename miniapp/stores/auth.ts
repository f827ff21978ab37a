import Taro from '@tarojs/taro';
import { authApi, type SignInResult } from '../api/auth';
import { meApi, type Me, type Role } from '../api/me';
import { ROLES } from '@shared/constants';
import { createStore, useStore } from './createStore';
import { setElderModeLocal } from './elderMode';
import { hasAcceptedPrivacy, localConsent, markConsentRecorded, PRIVACY_VERSION } from './privacy';
import { tokenStore } from './tokens';

// Who is signed in. Pages read it with useAuth(); sign-in, sign-out and profile changes go
// through the functions below so tokens, the profile, elder mode and privacy consent stay in step.

export const userStore = createStore<Me | null>(null);

// The role of the last profile loaded on this device (the role only, no personal data): 首页 lays
// out its entries for it at once on a return visit instead of waiting for GET /me, which then
// confirms or corrects it.
const ROLE_HINT_KEY = 'xfh.role-hint';

/** The role the signed-in user had when their profile was last loaded here, or null. */
export function roleHint(): Role | null {
  if (!isSignedIn()) return null;
  try {
    const saved = Taro.getStorageSync(ROLE_HINT_KEY);
    return (ROLES as readonly string[]).includes(saved) ? (saved as Role) : null;
  } catch {
    return null;
  }
}

tokenStore.onCleared(() => {
  userStore.set(null);
  Taro.removeStorageSync(ROLE_HINT_KEY);
});

export function useUser(): Me | null {
  return useStore(userStore);
}

export function isSignedIn(): boolean {
  return tokenStore.get() !== null;
}

export function isStaff(user: Pick<Me, 'role'> | null): boolean {
  return !!user && user.role !== 'resident';
}

/** Records on the server the privacy notice accepted on this device, once per user and version. */
async function recordPrivacyConsent(me: Me): Promise<void> {
  const consent = localConsent();
  if (!consent || !hasAcceptedPrivacy()) return;
  if (me.privacyConsentVersion === PRIVACY_VERSION || consent.recordedFor === me.id) return;
  try {
    await meApi.recordPrivacyConsent(PRIVACY_VERSION);
    markConsentRecorded(me.id);
  } catch {
    // Tried again on the next launch; the user already saw and accepted the notice.
  }
}

function applyMe(me: Me): Me {
  userStore.set(me);
  if (Taro.getStorageSync(ROLE_HINT_KEY) !== me.role) Taro.setStorageSync(ROLE_HINT_KEY, me.role);
  setElderModeLocal(!!me.elderMode);
  return me;
}

/** Loads the profile of the signed-in user (and records pending privacy consent). */
export async function loadMe(): Promise<Me> {
  const me = await meApi.get();
  applyMe(me);
  void recordPrivacyConsent(me);
  return me;
}

async function finishSignIn(result: SignInResult): Promise<Me> {
  tokenStore.set(result);
  const me = await loadMe();
  // signing in during the cooling-off cancelled a pending 注销账号: say so
  if (result.deletionCancelled) void Taro.showModal({ title: '已撤销注销申请', content: result.notice ?? '您在冷静期内重新登录，账号注销申请已撤销。', showCancel: false, confirmText: '知道了' });
  return me;
}

export async function signInWithPhone(phone: string): Promise<Me> {
  return finishSignIn(await authApi.dev(phone));
}

export async function signInWithWechat(): Promise<Me> {
  const { code } = await Taro.login();
  if (!code) throw new Error('微信登录失败，请重试');
  return finishSignIn(await authApi.wechat(code));
}

export async function signOut(): Promise<void> {
  const pair = tokenStore.get();
  if (pair) await authApi.logout(pair.refreshToken).catch(() => undefined);
  tokenStore.clear('user');
}

/** Saves elder mode on the device at once and on the server when signed in. */
export async function saveElderMode(on: boolean): Promise<void> {
  setElderModeLocal(on);
  if (!isSignedIn()) return;
  const me = await meApi.update({ elderMode: on, elderModeOffered: true });
  userStore.set(me);
}

/** The one-time elder-mode offer to residents aged 60+ was answered (or dismissed). */
export async function answerElderModeOffer(accept: boolean): Promise<void> {
  if (accept) setElderModeLocal(true);
  const me = await meApi.update(accept ? { elderMode: true, elderModeOffered: true } : { elderModeOffered: true });
  userStore.set(me);
}

export function shouldOfferElderMode(me: Me | null): boolean {
  return !!me && me.role === 'resident' && !me.elderMode && !me.elderModeOffered && (me.age ?? 0) >= 60;
}
