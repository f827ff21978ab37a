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
  activity: (id: number) => `/packages/booking/pages/detail/index?id=${id}`,
  myBookings: '/packages/booking/pages/mine/index',
  checkin: '/packages/booking/pages/checkin/index',
  space: (id: number) => `/packages/booking/pages/space/index?id=${id}`,
  manageActivities: '/packages/booking-admin/pages/manage/index',
  editActivity: (id?: number) => `/packages/booking-admin/pages/edit/index${id ? `?id=${id}` : ''}`,
  roster: (id: number) => `/packages/booking-admin/pages/roster/index?id=${id}`,
  spaceAdmin: (id: number) => `/packages/booking-admin/pages/space/index?id=${id}`,
} as const;

export const TAB_ROUTES: string[] = [ROUTES.home, ROUTES.activities, ROUTES.opinions, ROUTES.me];
