export default definePageConfig({
  navigationBarTitleText: '数字民生地图',
});
