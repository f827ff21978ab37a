export default definePageConfig({
  navigationBarTitleText: '一键养老',
});
