// Every page path the app navigates to, in one place (they must match app.config.ts).
export const ROUTES = {
  home: '/pages/home/index',
  activities: '/pages/activities/index',
  opinions: '/pages/opinions/index',
  me: '/pages/me/index',
  privacy: '/packages/auth/pages/privacy/index',
  login: '/packages/auth/pages/login/index',
  complexList: '/packages/places/pages/list/index',
  complex: (id: number) => `/packages/places/pages/complex/index?id=${id}`,
  workbench: '/packages/workbench/pages/index/index',
  volunteer: '/packages/volunteer/pages/index/index',
  volunteerRegister: '/packages/volunteer/pages/register/index',
  volunteerMine: '/packages/volunteer/pages/mine/index',
  volunteerPost: (id: number) => `/packages/volunteer/pages/post/index?id=${id}`,
  volunteerStaffApplications: '/packages/volunteer/pages/staff-applications/index',
  volunteerStaffPosts: '/packages/volunteer/pages/staff-posts/index',
  volunteerStaffPost: (id: number) => `/packages/volunteer/pages/staff-post/index?id=${id}`,
  points: '/packages/points/pages/index/index',
  rewards: '/packages/points/pages/rewards/index',
  redemptions: '/packages/points/pages/redemptions/index',
  redemption: (id: number) => `/packages/points/pages/redemption/index?id=${id}`,
  leaderboard: '/packages/points/pages/leaderboard/index',
  pointsStaffVerify: '/packages/points/pages/staff-verify/index',
  pointsStaffRewards: '/packages/points/pages/staff-rewards/index',
} as const;

export const TAB_ROUTES: string[] = [ROUTES.home, ROUTES.activities, ROUTES.opinions, ROUTES.me];
