export default definePageConfig({
  navigationBarTitleText: '至善池与互助',
});
