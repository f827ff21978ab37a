export default definePageConfig({
  navigationBarTitleText: '民生项目',
});
