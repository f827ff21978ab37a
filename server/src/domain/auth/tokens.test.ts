import { TokenService } from './tokens';

const SECRET = 'test-secret-test-secret-test-secret-0123';

describe('TokenService.verifyAccess', () => {
  afterEach(() => jest.restoreAllMocks());

  it('accepts its own token again and again (remembered), and refuses a changed one', () => {
    const t = new TokenService(SECRET, 60);
    const token = t.signAccess({ uid: 7, role: 'resident', sid: 3 });
    expect(t.verifyAccess(token)).toEqual({ uid: 7, role: 'resident', sid: 3 });
    expect(t.verifyAccess(token)).toEqual({ uid: 7, role: 'resident', sid: 3 });
    const [h, p, s] = token.split('.');
    const otherSig = `${h}.${p}.${s.slice(0, -2)}${s.slice(-2) === 'AA' ? 'BB' : 'AA'}`;
    expect(t.verifyAccess(otherSig)).toBeNull();
    const forged = new TokenService('another-secret-another-secret-0123456', 60).signAccess({ uid: 7, role: 'district_admin', sid: 3 });
    expect(t.verifyAccess(forged)).toBeNull();
  });

  it('stops accepting a remembered token once it expires', () => {
    const t = new TokenService(SECRET, 60);
    const token = t.signAccess({ uid: 7, role: 'resident', sid: 3 });
    expect(t.verifyAccess(token)).not.toBeNull();
    const later = Date.now() + 61_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    expect(t.verifyAccess(token)).toBeNull();
  });
});
