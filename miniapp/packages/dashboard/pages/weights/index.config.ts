export default definePageConfig({ navigationBarTitleText: '指数权重设置' });
