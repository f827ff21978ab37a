// Tab pages live in the main package; every other feature is a subpackage under packages/<domain>.
// A new domain adds one entry to subPackages here and, if residents reach it from 首页, one line in
// features.ts.
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/activities/index',
    'pages/opinions/index',
    'pages/me/index',
  ],
  subPackages: [
    { root: 'packages/auth', pages: ['pages/privacy/index', 'pages/login/index', 'pages/notfound/index'] },
    { root: 'packages/me', pages: ['pages/profile/index', 'pages/messages/index'] },
    { root: 'packages/search', pages: ['pages/index/index'] },
    { root: 'packages/places', pages: ['pages/complex/index', 'pages/list/index', 'pages/residency/index'] },
    {
      root: 'packages/workbench',
      pages: ['pages/index/index', 'pages/care/index', 'pages/activities/index', 'pages/activity-edit/index', 'pages/roster/index', 'pages/space-rules/index', 'pages/residents/index', 'pages/staff/index', 'pages/places/index', 'pages/place-edit/index', 'pages/pool/index'],
    },
    {
      root: 'packages/branch',
      pages: [
        'pages/services/index',
        'pages/offering/index',
        'pages/branch/index',
        'pages/workbench/index',
        'pages/publish/index',
        'pages/session/index',
        'pages/records/index',
        'pages/pairings/index',
        'pages/coverage/index',
        'pages/commitments/index',
      ],
    },
    {
      root: 'packages/elder',
      pages: ['pages/care/index', 'pages/request/index', 'pages/family/index', 'pages/senior/index', 'pages/proxy/index', 'pages/book/index', 'pages/guard/index'],
    },
    { root: 'packages/map', pages: ['pages/index/index'] },
    { root: 'packages/account', pages: ['pages/settings/index', 'pages/deletion/index'] },
    { root: 'packages/helping', pages: ['pages/index/index', 'pages/post/index', 'pages/detail/index', 'pages/mine/index'] },
    { root: 'packages/projects', pages: ['pages/list/index', 'pages/detail/index', 'pages/create/index'] },
    { root: 'packages/devices', pages: ['pages/index/index', 'pages/register/index', 'pages/live/index', 'pages/alerts/index'] },
    {
      root: 'packages/volunteer',
      pages: [
        'pages/index/index',
        'pages/register/index',
        'pages/post/index',
        'pages/mine/index',
        'pages/staff-applications/index',
        'pages/staff-posts/index',
        'pages/staff-post/index',
      ],
    },
    {
      root: 'packages/points',
      pages: [
        'pages/index/index',
        'pages/rewards/index',
        'pages/redemptions/index',
        'pages/redemption/index',
        'pages/leaderboard/index',
        'pages/staff-verify/index',
        'pages/staff-rewards/index',
        'pages/transfer/index',
      ],
    },
    { root: 'packages/booking', pages: ['pages/detail/index', 'pages/mine/index', 'pages/checkin/index', 'pages/space/index'] },
    {
      root: 'packages/roundtable',
      pages: [
        'pages/submit/index',
        'pages/mine/index',
        'pages/public/index',
        'pages/detail/index',
        'pages/meetings/index',
        'pages/meeting/index',
        'pages/votes/index',
        'pages/vote/index',
        'pages/rate/index',
      ],
    },
    { root: 'packages/dashboard', pages: ['pages/index/index', 'pages/weights/index'] },
    {
      root: 'packages/opiniondesk',
      pages: ['pages/inbox/index', 'pages/handle/index', 'pages/meetings/index', 'pages/meeting/index', 'pages/vote/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1d6b57',
    navigationBarTitleText: '幸福荟',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f1',
  },
  tabBar: {
    color: '#4a5260',
    selectedColor: '#1d6b57',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // icons: PNGs made by scripts/icons.mjs from @tabler/icons
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-active.png' },
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tabbar/activities.png', selectedIconPath: 'assets/tabbar/activities-active.png' },
      { pagePath: 'pages/opinions/index', text: '民意', iconPath: 'assets/tabbar/opinions.png', selectedIconPath: 'assets/tabbar/opinions-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-active.png' },
    ],
  },
  lazyCodeLoading: 'requiredComponents',
  // WeChat's privacy flow: privacy-protected APIs wait for onNeedPrivacyAuthorization (app.ts).
  __usePrivacyCheck__: true,
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于为您查找附近的民生综合体' },
  },
});
