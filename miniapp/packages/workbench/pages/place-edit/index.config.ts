export default definePageConfig({
  navigationBarTitleText: '编辑综合体',
});
