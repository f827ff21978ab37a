export default definePageConfig({
  navigationBarTitleText: '民意收件箱',
});
