export default definePageConfig({
  navigationBarTitleText: '服务进度',
  enablePullDownRefresh: true,
});
