import type { WeeklyHours } from '../../db/schema';
import { addDays, isoWeekday, parseHm, shanghaiDay, shanghaiInstant } from '../time/shanghai';

export interface SlotRules {
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  daysAhead: number;
}

export interface Slot {
  startAt: Date;
  endAt: Date;
  /** Asia/Shanghai date of the start */
  day: string;
}

/**
 * The slots of one Shanghai date: each opening window cut into whole slots, computed from wall
 * time in Asia/Shanghai (so 00:00–01:00 on 12-02 is 12-01T16:00Z but still belongs to 12-02).
 * Pure: same rules and day, same slots, whatever the server's zone.
 */
export function slotsOfDay(rules: SlotRules, day: string): Slot[] {
  const windows = rules.weeklyHours[String(isoWeekday(day)) as keyof WeeklyHours] ?? [];
  const out: Slot[] = [];
  for (const w of windows) {
    const close = parseHm(w.close);
    for (let m = parseHm(w.open); m + rules.slotMinutes <= close; m += rules.slotMinutes) {
      out.push({ startAt: shanghaiInstant(day, m), endAt: shanghaiInstant(day, m + rules.slotMinutes), day });
    }
  }
  return out.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
}

/** The slot that starts exactly at `startAt`, or null when the rules have no such slot. */
export function findSlot(rules: SlotRules, startAt: Date): Slot | null {
  const day = shanghaiDay(startAt);
  return slotsOfDay(rules, day).find((s) => s.startAt.getTime() === startAt.getTime()) ?? null;
}

/** Dates that can be booked now: today and the next `daysAhead` days (Shanghai). */
export function bookableDays(rules: Pick<SlotRules, 'daysAhead'>, now: Date): string[] {
  const today = shanghaiDay(now);
  return Array.from({ length: rules.daysAhead + 1 }, (_, i) => addDays(today, i));
}

/** Validates "HH:mm" windows: in order, inside the day, not overlapping. Returns an error or null. */
export function weeklyHoursProblem(h: WeeklyHours, slotMinutes: number): string | null {
  for (const [day, windows] of Object.entries(h)) {
    let last = -1;
    for (const w of [...(windows ?? [])].sort((a, b) => parseHm(a.open) - parseHm(b.open))) {
      const o = parseHm(w.open);
      const c = parseHm(w.close);
      if (c <= o) return `周${'一二三四五六日'[Number(day) - 1]}的关门时间必须晚于开门时间`;
      if (o < last) return `周${'一二三四五六日'[Number(day) - 1]}的开放时段有重叠`;
      if (c - o < slotMinutes) return `周${'一二三四五六日'[Number(day) - 1]}的开放时段短于一个预约时段`;
      last = c;
    }
  }
  return null;
}
