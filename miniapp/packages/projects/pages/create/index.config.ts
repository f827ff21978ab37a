export default definePageConfig({
  navigationBarTitleText: '立项跟踪',
});
