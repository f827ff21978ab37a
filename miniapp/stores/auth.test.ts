import Taro from '@tarojs/taro';
import { loadMe, roleHint, signOut } from './auth';
import { tokenStore } from './tokens';

const requestMock = Taro.request as unknown as jest.Mock;
const me = (role: string) => ({ id: 5, nickname: '张阿姨', role, elderMode: false, privacyConsentVersion: 'x' });

// not tokenStore.resetForTests(): it also drops auth.ts's sign-out listener, which is under test here
beforeEach(() => {
  tokenStore.clear('user');
  Taro.removeStorageSync('xfh.role-hint');
});

describe('the role hint 首页 lays out by', () => {
  it('is the role of the profile last loaded, only while signed in, and gone after sign-out', async () => {
    expect(roleHint()).toBeNull();
    tokenStore.set({ accessToken: 'a', refreshToken: 'r' });
    expect(roleHint()).toBeNull();
    requestMock.mockResolvedValue({ statusCode: 200, data: me('worker'), header: {} });
    await loadMe();
    expect(roleHint()).toBe('worker');
    // a role changed by staff: the next profile load corrects it
    requestMock.mockResolvedValue({ statusCode: 200, data: me('resident'), header: {} });
    await loadMe();
    expect(roleHint()).toBe('resident');
    requestMock.mockResolvedValue({ statusCode: 204, data: null, header: {} });
    await signOut();
    expect(roleHint()).toBeNull();
    expect(Taro.getStorageSync('xfh.role-hint')).toBeFalsy();
  });

  it('ignores what is not a role', () => {
    tokenStore.set({ accessToken: 'a', refreshToken: 'r' });
    Taro.setStorageSync('xfh.role-hint', 'superuser');
    expect(roleHint()).toBeNull();
  });
});
