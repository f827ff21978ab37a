export default definePageConfig({
  navigationBarTitleText: '全部综合体',
});
