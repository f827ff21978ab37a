export default definePageConfig({
  navigationBarTitleText: '养老服务派单',
  enablePullDownRefresh: true,
});
