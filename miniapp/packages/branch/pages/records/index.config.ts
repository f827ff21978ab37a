export default definePageConfig({ navigationBarTitleText: '月度记录' });
