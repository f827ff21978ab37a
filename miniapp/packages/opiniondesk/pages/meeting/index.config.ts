export default definePageConfig({
  navigationBarTitleText: '议程与纪要',
});
