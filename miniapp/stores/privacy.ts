import Taro from '@tarojs/taro';

// The privacy notice the user accepted, kept on the device until it can be recorded on the
// server (POST /me/privacy-consent after sign-in). Bump the version when the notice changes:
// everyone sees it again.
export const PRIVACY_VERSION = '2025-11-28';

const STORAGE_KEY = 'xfh.privacyConsent';

export interface LocalConsent {
  version: string;
  acceptedAt: string;
  /** the user id the consent was recorded on the server for */
  recordedFor?: number;
}

export function localConsent(): LocalConsent | null {
  try {
    const saved = Taro.getStorageSync(STORAGE_KEY);
    return saved && saved.version ? saved : null;
  } catch {
    return null;
  }
}

export function hasAcceptedPrivacy(): boolean {
  return localConsent()?.version === PRIVACY_VERSION;
}

export function acceptPrivacy(): LocalConsent {
  const consent = { version: PRIVACY_VERSION, acceptedAt: new Date().toISOString() };
  Taro.setStorageSync(STORAGE_KEY, consent);
  return consent;
}

export function markConsentRecorded(userId: number): void {
  const consent = localConsent();
  if (consent) Taro.setStorageSync(STORAGE_KEY, { ...consent, recordedFor: userId });
}

// WeChat's onNeedPrivacyAuthorization hands us a resolve function; the privacy page calls it when
// the user taps 同意 (the agree button's id must be passed back).
type PrivacyResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;
let pendingResolve: PrivacyResolve | null = null;

export function setPendingPrivacyResolve(resolve: PrivacyResolve): void {
  pendingResolve = resolve;
}

/** Answers WeChat's pending privacy request, if any; returns whether there was one. */
export function answerPendingPrivacy(agree: boolean, buttonId: string): boolean {
  if (!pendingResolve) return false;
  const resolve = pendingResolve;
  pendingResolve = null;
  resolve(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
  return true;
}
