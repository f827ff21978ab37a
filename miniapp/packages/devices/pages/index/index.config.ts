export default definePageConfig({
  navigationBarTitleText: '设备',
  enablePullDownRefresh: true,
});
