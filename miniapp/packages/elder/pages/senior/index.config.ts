export default definePageConfig({
  navigationBarTitleText: '长辈的积分和申请',
});
