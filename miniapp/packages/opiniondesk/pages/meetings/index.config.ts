export default definePageConfig({
  navigationBarTitleText: '议事会管理',
});
