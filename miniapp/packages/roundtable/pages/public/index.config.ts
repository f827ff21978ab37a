export default definePageConfig({
  navigationBarTitleText: '大家的意见',
});
