export default definePageConfig({
  navigationBarTitleText: '办理意见',
});
