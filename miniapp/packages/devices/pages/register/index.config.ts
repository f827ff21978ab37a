export default definePageConfig({
  navigationBarTitleText: '登记设备',
  enablePullDownRefresh: true,
});
