import { issueResidencyCode, verifyResidencyCode, RESIDENCY_CODE_TTL_MS } from './code';

describe('认证码', () => {
  const now = new Date('2027-02-01T01:00:00Z');
  it('names the resident and the complex, and is valid for two minutes', () => {
    const { code, expiresAt } = issueResidencyCode('s3cret', 42, 7, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(RESIDENCY_CODE_TTL_MS);
    expect(verifyResidencyCode('s3cret', code, new Date(now.getTime() + 60_000))).toEqual({ ok: true, userId: 42, complexId: 7 });
    expect(verifyResidencyCode('s3cret', code, new Date(now.getTime() + RESIDENCY_CODE_TTL_MS + 1))).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuses a changed, foreign or malformed code', () => {
    const { code } = issueResidencyCode('s3cret', 42, 7, now);
    expect(verifyResidencyCode('other', code, now).ok).toBe(false);
    expect(verifyResidencyCode('s3cret', code.replace('rc.42.7', 'rc.43.7'), now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyResidencyCode('s3cret', 'activity.1.abc.sig', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
