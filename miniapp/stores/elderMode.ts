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

// WeChat's font-size setting: stores/fontScale.weapp.ts in the mini-program, 1 in the browser (a
// file per platform, so the H5 bundle does not carry Taro's system-info API and platform.js).
export { systemFontScale } from './fontScale';
