/**
 * WeChat's own "字体大小" setting as a multiplier of our font tokens (1 = standard). The browser
 * build has no such setting; the mini-program reads it in fontScale.weapp.ts (Taro picks the file
 * per platform).
 */
export function systemFontScale(): number {
  return 1;
}
