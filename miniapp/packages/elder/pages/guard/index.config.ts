export default definePageConfig({
  navigationBarTitleText: '亲情守护',
});
