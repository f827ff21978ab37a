export default definePageConfig({
  navigationBarTitleText: '替TA预约活动',
});
