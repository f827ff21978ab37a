export default definePageConfig({
  navigationBarTitleText: '实时状态',
  enablePullDownRefresh: true,
});
