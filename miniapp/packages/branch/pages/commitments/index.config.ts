export default definePageConfig({
  navigationBarTitleText: '承诺清单',
});
