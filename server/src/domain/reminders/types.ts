import type { REMINDER_KINDS, REMINDER_TARGETS } from '../../db/schema/reminders';

export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type ReminderTarget = (typeof REMINDER_TARGETS)[number];
