export default definePageConfig({
  navigationBarTitleText: '幸福荟',
});
