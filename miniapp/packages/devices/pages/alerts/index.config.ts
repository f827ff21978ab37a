export default definePageConfig({
  navigationBarTitleText: '设备告警',
  enablePullDownRefresh: true,
});
