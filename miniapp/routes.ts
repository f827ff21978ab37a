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
  careQueue: '/packages/workbench/pages/care/index',
  elderCare: '/packages/elder/pages/care/index',
  elderCareFor: (seniorId: number) => `/packages/elder/pages/care/index?seniorId=${seniorId}`,
  careRequest: (id: number) => `/packages/elder/pages/request/index?id=${id}`,
  family: '/packages/elder/pages/family/index',
  familySenior: (seniorId: number) => `/packages/elder/pages/senior/index?id=${seniorId}`,
  proxyActions: '/packages/elder/pages/proxy/index',
  serviceMap: '/packages/map/pages/index/index',
  // 民意小圆桌 (residents)
  opinionSubmit: '/packages/roundtable/pages/submit/index',
  myOpinions: '/packages/roundtable/pages/mine/index',
  publicOpinions: '/packages/roundtable/pages/public/index',
  opinion: (id: number) => `/packages/roundtable/pages/detail/index?id=${id}`,
  meetings: '/packages/roundtable/pages/meetings/index',
  meeting: (id: number) => `/packages/roundtable/pages/meeting/index?id=${id}`,
  votes: '/packages/roundtable/pages/votes/index',
  vote: (id: number) => `/packages/roundtable/pages/vote/index?id=${id}`,
  rate: '/packages/roundtable/pages/rate/index',
  // 民意小圆桌 (staff)
  opinionInbox: '/packages/opiniondesk/pages/inbox/index',
  opinionHandle: (id: number) => `/packages/opiniondesk/pages/handle/index?id=${id}`,
  staffMeetings: '/packages/opiniondesk/pages/meetings/index',
  staffMeeting: (id: number) => `/packages/opiniondesk/pages/meeting/index?id=${id}`,
  staffVote: (id?: number) => `/packages/opiniondesk/pages/vote/index${id ? `?id=${id}` : ''}`,
} as const;

export const TAB_ROUTES: string[] = [ROUTES.home, ROUTES.activities, ROUTES.opinions, ROUTES.me];
