export default definePageConfig({
  navigationBarTitleText: '活动与空间',
});
