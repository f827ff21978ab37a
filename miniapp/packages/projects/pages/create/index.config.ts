export default definePageConfig({
  navigationBarTitleText: '从决定立项',
});
