export default definePageConfig({ navigationBarTitleText: '党员服务' });
