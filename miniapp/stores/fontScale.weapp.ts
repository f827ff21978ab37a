import Taro from '@tarojs/taro';

/**
 * WeChat's own "字体大小" setting as a multiplier of our font tokens (1 = standard).
 * The browser build has no such setting.
 */
export function systemFontScale(): number {
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
