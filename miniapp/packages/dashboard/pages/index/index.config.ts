export default definePageConfig({ navigationBarTitleText: '数智平台' });
