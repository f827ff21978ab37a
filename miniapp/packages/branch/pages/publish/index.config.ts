export default definePageConfig({ navigationBarTitleText: '发布送服务' });
