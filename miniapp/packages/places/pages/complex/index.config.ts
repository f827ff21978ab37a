export default definePageConfig({
  navigationBarTitleText: '综合体详情',
});
