import type { Role } from './api/me';
import type { ComplexMode, SpaceType } from './api/places';
import type { IconName } from './components/Icon';

// Chinese names for the server's enum values.

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  worker: '社区工作者',
  street_admin: '镇街管理员',
  branch_admin: '党支部管理员',
  district_admin: '区级管理员',
};

export const MODE_LABELS: Record<ComplexMode, string> = {
  flagship: '旗舰式',
  star_moon: '星月式',
  pearl_chain: '珠链式',
};

export const MODE_HINTS: Record<ComplexMode, string> = {
  flagship: '一栋楼里集中提供服务',
  star_moon: '一个主阵地加周边卫星点，彼此不超过 500 米',
  pearl_chain: '多个站点串成一条服务链',
};

/** The "7+X" space types in display order, with their icon (`mark`: one character, for chips). */
export const SPACE_TYPES: { type: SpaceType; label: string; mark: string; icon: IconName }[] = [
  { type: 'elderly', label: '助老空间', mark: '老', icon: 'elder' },
  { type: 'health', label: '健康空间', mark: '健', icon: 'health' },
  { type: 'vitality', label: '活力空间', mark: '活', icon: 'sport' },
  { type: 'education', label: '教育空间', mark: '学', icon: 'school' },
  { type: 'governance', label: '治理空间', mark: '议', icon: 'meeting' },
  { type: 'life', label: '生活空间', mark: '家', icon: 'kitchen' },
  { type: 'charity', label: '至善空间', mark: '善', icon: 'volunteer' },
  { type: 'other', label: '特色空间（X）', mark: 'X', icon: 'space' },
];
