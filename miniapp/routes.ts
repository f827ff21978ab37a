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
  // 党员服务 (party-branch offerings) and the branch / district pages behind them
  branchServices: '/packages/branch/pages/services/index',
  offering: (id: number) => `/packages/branch/pages/offering/index?id=${id}`,
  branchPage: (id: number) => `/packages/branch/pages/branch/index?id=${id}`,
  branchWorkbench: '/packages/branch/pages/workbench/index',
  branchPublish: '/packages/branch/pages/publish/index',
  branchSession: (id: number) => `/packages/branch/pages/session/index?id=${id}`,
  branchRecords: '/packages/branch/pages/records/index',
  pairings: '/packages/branch/pages/pairings/index',
  coverage: '/packages/branch/pages/coverage/index',
  careQueue: '/packages/workbench/pages/care/index',
  elderCare: '/packages/elder/pages/care/index',
  elderCareFor: (seniorId: number) => `/packages/elder/pages/care/index?seniorId=${seniorId}`,
  careRequest: (id: number) => `/packages/elder/pages/request/index?id=${id}`,
  family: '/packages/elder/pages/family/index',
  familySenior: (seniorId: number) => `/packages/elder/pages/senior/index?id=${seniorId}`,
  proxyActions: '/packages/elder/pages/proxy/index',
  serviceMap: '/packages/map/pages/index/index',
} as const;

export const TAB_ROUTES: string[] = [ROUTES.home, ROUTES.activities, ROUTES.opinions, ROUTES.me];
