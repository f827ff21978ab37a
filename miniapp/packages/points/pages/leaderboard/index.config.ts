export default definePageConfig({ navigationBarTitleText: '月度排行榜' });
