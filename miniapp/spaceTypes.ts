import { SPACE_TYPES, SPACE_TYPE_LABELS, type SpaceType } from '@shared/constants';
import type { IconName } from './components/Icon';

// How the mini-program draws the "7+X" space types; their names come from shared/constants.ts.

/** `mark`: one character, for chips; `icon`: the group's badge. */
const LOOKS: Record<SpaceType, { mark: string; icon: IconName }> = {
  elderly: { mark: '老', icon: 'elder' },
  health: { mark: '健', icon: 'health' },
  vitality: { mark: '活', icon: 'sport' },
  education: { mark: '学', icon: 'school' },
  governance: { mark: '议', icon: 'meeting' },
  life: { mark: '家', icon: 'kitchen' },
  charity: { mark: '善', icon: 'volunteer' },
  other: { mark: 'X', icon: 'space' },
};

/** The "7+X" space types in display order, each with its shared label, mark and icon. */
export const SPACE_TYPE_LOOKS = SPACE_TYPES.map((type) => ({ type, label: SPACE_TYPE_LABELS[type], ...LOOKS[type] }));
