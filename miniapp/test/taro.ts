// A hand-written stand-in for @tarojs/taro in unit tests: device storage in memory, every API a
// jest.fn the test can program. Lifecycle hooks run like effects.
import { useEffect, useRef } from 'react';

let storage = new Map<string, unknown>();

const api = {
  request: jest.fn(),
  showToast: jest.fn(),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  login: jest.fn(async () => ({ code: 'test-code', errMsg: 'login:ok' })),
  getLocation: jest.fn(async () => Promise.reject(new Error('getLocation:fail auth deny'))),
  navigateTo: jest.fn(async () => undefined),
  navigateBack: jest.fn(async () => undefined),
  reLaunch: jest.fn(async () => undefined),
  switchTab: jest.fn(async () => undefined),
  makePhoneCall: jest.fn(async () => undefined),
  setNavigationBarTitle: jest.fn(async () => undefined),
  stopPullDownRefresh: jest.fn(),
  getSystemInfoSync: jest.fn(() => ({ fontSizeSetting: 16 })),
  getAppBaseInfo: jest.fn(() => ({ fontSizeSetting: 16 })),
  onNeedPrivacyAuthorization: jest.fn(),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value);
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key);
  }),
  // one page in these tests: the current instance is always the same
  getCurrentInstance: jest.fn(() => ({ page: testPage, router: null })),
};
const testPage = {};

export function resetTaroMock(): void {
  storage = new Map();
  Object.values(api).forEach((fn) => fn.mockClear());
  api.request.mockReset();
}

export function useDidShow(fn: () => void): void {
  useEffect(fn, []); // eslint-disable-line react-hooks/exhaustive-deps -- the stand-in runs the callback once, on mount
}
export const useLaunch = useDidShow;
export function useDidHide(_fn: () => void): void {}

// Page events a test fires by hand: `firePageEvent('reachBottom')` runs every mounted handler.
type PageEvent = 'reachBottom' | 'pullDownRefresh';
const handlers: Record<PageEvent, Set<() => void>> = { reachBottom: new Set(), pullDownRefresh: new Set() };
function usePageEvent(event: PageEvent, fn: () => void): void {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => {
    const h = () => latest.current();
    handlers[event].add(h);
    return () => {
      handlers[event].delete(h);
    };
  }, [event]);
}
export const useReachBottom = (fn: () => void) => usePageEvent('reachBottom', fn);
export const usePullDownRefresh = (fn: () => void) => usePageEvent('pullDownRefresh', fn);
export function firePageEvent(event: PageEvent): void {
  handlers[event].forEach((h) => h());
}
export function useRouter() {
  return { params: {} as Record<string, string>, path: '' };
}

const Taro = { ...api, useDidShow, useDidHide, useLaunch, useRouter, useReachBottom, usePullDownRefresh };
export default Taro;
