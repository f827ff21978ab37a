import Taro from '@tarojs/taro';
import { createStore, useStore } from './createStore';

// Elder mode is remembered on the device (so the first screen already has big text) and on the
// server (so it follows the user to another phone); stores/auth.ts keeps the two in step.
const STORAGE_KEY = 'xfh.elderMode';

function readSaved(): boolean {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === true;
  } catch {
    return false;
  }
}

export const elderModeStore = createStore<boolean>(readSaved());

export function setElderModeLocal(on: boolean): void {
  Taro.setStorageSync(STORAGE_KEY, on);
  elderModeStore.set(on);
}

export function useElderMode(): boolean {
  return useStore(elderModeStore);
}

/**
 * WeChat's own "字体大小" setting as a multiplier of our font tokens (1 = standard).
 * The browser build has no such setting.
 */
export function systemFontScale(): number {
  if (process.env.TARO_ENV !== 'weapp') return 1;
  try {
    const info = typeof Taro.getAppBaseInfo === 'function' ? Taro.getAppBaseInfo() : Taro.getSystemInfoSync();
    const setting = Number((info as { fontSizeSetting?: number }).fontSizeSetting);
    // 17 is WeChat's "standard" size on iOS, 16 on Android; never shrink below our own sizes.
    if (!setting || Number.isNaN(setting)) return 1;
    return Math.min(1.6, Math.max(1, setting / 17));
  } catch {
    return 1;
  }
}
