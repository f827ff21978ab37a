export default definePageConfig({
  navigationBarTitleText: '民意小圆桌',
});
