export default definePageConfig({ navigationBarTitleText: '兑换目录管理' });
