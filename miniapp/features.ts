import type { Role } from './api/me';
import type { IconName } from './components/Icon';
import { ROUTES } from './routes';

// The quick entries on 首页, one line per built feature. A feature gets its line when its
// subpackage exists (registered in app.config.ts — a unit test checks every url), so residents
// never land on an empty page.

export interface Feature {
  key: string;
  title: string;
  /** one short line under the title */
  hint: string;
  /** the entry's icon (components/Icon, from @tabler/icons) */
  icon: IconName;
  url: string;
  /** who sees it; everyone when absent */
  roles?: Role[];
}

const STAFF: Role[] = ['worker', 'branch_admin', 'district_admin'];
/** opinions are handled by the complexes' workers (and district admins), not by branches */
const STAFF_OPINIONS: Role[] = ['worker', 'district_admin'];

export const FEATURES: Feature[] = [
  { key: 'elder', title: '一键养老', hint: '助餐、助医、上门探访，一键呼叫', icon: 'elder', url: ROUTES.elderCare },
  { key: 'map', title: '民生地图', hint: '步行十分钟能到的服务', icon: 'map', url: ROUTES.serviceMap },
  { key: 'places', title: '找综合体', hint: '全区综合体，按街道查看', icon: 'complex', url: ROUTES.complexList },
  { key: 'helping', title: '邻里互助', hint: '请邻居帮个忙，也帮帮邻居', icon: 'helping', url: ROUTES.helping },
  { key: 'volunteer', title: '志愿服务', hint: '报名岗位，记录服务时长', icon: 'volunteer', url: ROUTES.volunteer },
  { key: 'points', title: '幸福荟积分', hint: '查积分，兑好礼', icon: 'points', url: ROUTES.points },
  { key: 'booking', title: '活动预约', hint: '讲座、课程、义诊，在线预约', icon: 'activity', url: ROUTES.activities },
  { key: 'my-bookings', title: '我的预约', hint: '预约码、签到、取消', icon: 'ticket', url: ROUTES.myBookings },
  { key: 'activity-admin', title: '活动管理', hint: '发布活动、名单、签到码', icon: 'activity-admin', url: ROUTES.manageActivities, roles: STAFF },
  { key: 'opinion-submit', title: '我要提意见', hint: '民意小圆桌，件件有回音', icon: 'opinion-submit', url: ROUTES.opinionSubmit },
  { key: 'meetings', title: '议事会', hint: '报名参加民生圆桌会', icon: 'meeting', url: ROUTES.meetings },
  { key: 'opinion-inbox', title: '民意收件箱', hint: '受理、交办、答复居民意见', icon: 'inbox', url: ROUTES.opinionInbox, roles: STAFF_OPINIONS },
  { key: 'workbench', title: '工作台', hint: '我负责的综合体', icon: 'workbench', url: ROUTES.workbench, roles: STAFF },
  { key: 'branch', title: '党员服务', hint: '机关党支部送服务到家门口', icon: 'branch', url: ROUTES.branchServices },
  { key: 'branch-workbench', title: '支部工作台', hint: '发布服务、签到、记录', icon: 'clipboard', url: ROUTES.branchWorkbench, roles: ['branch_admin'] },
  { key: 'pairings', title: '结对管理', hint: '党支部与综合体结对清单', icon: 'link', url: ROUTES.pairings, roles: ['district_admin'] },
  { key: 'coverage', title: '服务覆盖', hint: '综合体 × 服务类别', icon: 'chart', url: ROUTES.coverage, roles: ['district_admin'] },
  { key: 'care-queue', title: '养老派单', hint: '受理、派单、跟进服务', icon: 'care', url: ROUTES.careQueue, roles: ['worker', 'district_admin'] },
];

export function featuresFor(role: Role | null | undefined): Feature[] {
  return FEATURES.filter((f) => !f.roles || (role && f.roles.includes(role)));
}
