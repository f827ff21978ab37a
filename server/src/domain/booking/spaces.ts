import { and, eq, inArray, sql } from 'drizzle-orm';
import { isDuplicateKey, withTx, type Db, type Tx } from '../../db/client';
import { complexes, slotBookings, spaceBlackouts, spaceRules, spaceSlots, spaces, users } from '../../db/schema';
import type { WeeklyHours } from '../../db/schema';
import { conflict, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex } from '../access/scope';
import { notify } from '../notifications/notify';
import { assertMayBook } from './eligibility';
import { canCancelSlot, slotCancelDeadlineOf } from './rules';
import { bookableDays, findSlot, slotsOfDay, weeklyHoursProblem } from './slots';
import { formatShanghai, shanghaiDay, weekOf } from '../time/shanghai';

export type SpaceRulesRow = Omit<typeof spaceRules.$inferSelect, 'createdAt' | 'updatedAt' | 'updatedBy'>;

const EVERY_DAY = (windows: { open: string; close: string }[]): WeeklyHours =>
  Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, windows])) as WeeklyHours;

/** Rules a bookable space gets until a worker sets its own: 08:30–20:30, hourly, 7 days ahead. */
export function defaultRules(spaceId: number, capacity: number): SpaceRulesRow {
  return {
    spaceId,
    weeklyHours: EVERY_DAY([
      { open: '08:30', close: '11:30' },
      { open: '13:30', close: '20:30' },
    ]),
    slotMinutes: 60,
    capacityPerSlot: Math.max(1, capacity),
    daysAhead: 7,
    perUserPerDay: 2,
    perUserPerWeek: 5,
    cancelDeadlineMinutes: 30,
    enabled: true,
  };
}

export async function loadSpace(db: Db | Tx, spaceId: number) {
  const [row] = await db
    .select({ space: spaces, complexName: complexes.name, rules: spaceRules })
    .from(spaces)
    .innerJoin(complexes, eq(complexes.id, spaces.complexId))
    .leftJoin(spaceRules, eq(spaceRules.spaceId, spaces.id))
    .where(eq(spaces.id, spaceId))
    .limit(1);
  if (!row || !row.space.bookable) throw notFound('该场地不存在或不开放预约');
  const rules: SpaceRulesRow = row.rules ?? defaultRules(spaceId, row.space.capacity);
  return { space: row.space, complexName: row.complexName, rules };
}

/** A bookable space the caller runs (its complex's staff): 404 unknown, 403 not theirs. */
export async function managedSpace(db: Db | Tx, user: AuthUser, spaceId: number) {
  const s = await loadSpace(db, spaceId);
  await assertCanManageComplex(db, user, s.space.complexId);
  return s;
}

export const presentSlotBooking = (b: typeof slotBookings.$inferSelect) => ({
  id: b.id,
  spaceId: b.spaceId,
  status: b.status,
  startAt: b.startsAt.toISOString(),
  endAt: b.endsAt.toISOString(),
  day: b.day,
});

export async function blackoutOf(db: Db | Tx, spaceId: number, day: string) {
  const [b] = await db
    .select()
    .from(spaceBlackouts)
    .where(and(eq(spaceBlackouts.spaceId, spaceId), eq(spaceBlackouts.day, day)))
    .limit(1);
  return b ?? null;
}

/** One Shanghai date of a space: every slot with its places left and the caller's booking. */
export async function slotsView(db: Db, spaceId: number, day: string, userId: number | null, now: Date) {
  const { space, complexName, rules } = await loadSpace(db, spaceId);
  const days = bookableDays(rules, now);
  const blackout = await blackoutOf(db, spaceId, day);
  const counters = await db.select().from(spaceSlots).where(and(eq(spaceSlots.spaceId, spaceId), eq(spaceSlots.day, day)));
  const mine = userId
    ? await db
        .select({ id: slotBookings.id, startsAt: slotBookings.startsAt })
        .from(slotBookings)
        .where(and(eq(slotBookings.spaceId, spaceId), eq(slotBookings.userId, userId), eq(slotBookings.day, day), eq(slotBookings.activeFlag, 1)))
    : [];
  const bookableDay = rules.enabled && !blackout && days.includes(day);
  const items = slotsOfDay(rules, day).map((s) => {
    const c = counters.find((x) => x.startAt.getTime() === s.startAt.getTime());
    const capacity = c?.capacity ?? rules.capacityPerSlot;
    const booked = c?.bookedCount ?? 0;
    return {
      startAt: s.startAt.toISOString(),
      endAt: s.endAt.toISOString(),
      day: s.day,
      capacity,
      bookedCount: booked,
      placesLeft: Math.max(0, capacity - booked),
      bookable: bookableDay && s.startAt > now && booked < capacity,
      myBookingId: mine.find((m) => m.startsAt.getTime() === s.startAt.getTime())?.id ?? null,
    };
  });
  return {
    space: { id: space.id, name: space.name, type: space.type, description: space.description, complexId: space.complexId, complexName },
    rules: presentRules(rules),
    day,
    days,
    blackout: blackout ? { day: blackout.day, reason: blackout.reason } : null,
    items,
  };
}

export const presentRules = (r: SpaceRulesRow) => ({
  weeklyHours: r.weeklyHours,
  slotMinutes: r.slotMinutes,
  capacityPerSlot: r.capacityPerSlot,
  daysAhead: r.daysAhead,
  perUserPerDay: r.perUserPerDay,
  perUserPerWeek: r.perUserPerWeek,
  cancelDeadlineMinutes: r.cancelDeadlineMinutes,
  enabled: r.enabled,
});

class AlreadyBooked extends Error {}

const affected = (r: unknown) => (r as [{ affectedRows: number }])[0].affectedRows;

/**
 * Books a place in a space slot. The slot's counter row is created outside the transaction
 * (INSERT IGNORE, autocommit) so the transaction starts by taking the place with one conditional
 * UPDATE on it; then the user's row is locked for the day/week quotas; the unique key (slot, user,
 * active) backs one booking per user per slot.
 */
export async function bookSlot(db: Db, userId: number, spaceId: number, startAt: Date, now: Date) {
  const { space, rules } = await loadSpace(db, spaceId);
  const slot = findSlot(rules, startAt);
  if (!slot) throw validationFailed({ startAt: '不是该场地的预约时段，请从时段列表中选择' });
  if (!rules.enabled) throw conflict('booking_closed', '该场地暂停预约');
  if (slot.startAt <= now) throw conflict('booking_closed', '该时段已开始，不能再预约');
  if (!bookableDays(rules, now).includes(slot.day)) throw conflict('booking_closed', `只能预约 ${rules.daysAhead} 天内的时段`);
  const blackout = await blackoutOf(db, spaceId, slot.day);
  if (blackout) throw conflict('booking_closed', `该日场地暂停开放${blackout.reason ? `：${blackout.reason}` : ''}`);
  await assertMayBook(db, userId, now);
  const S = spaceSlots;
  const B = slotBookings;
  await db.execute(sql`INSERT IGNORE INTO ${S} (${S.spaceId}, ${S.startAt}, ${S.endAt}, ${S.day}, ${S.capacity}, ${S.bookedCount})
    VALUES (${spaceId}, ${slot.startAt}, ${slot.endAt}, ${slot.day}, ${rules.capacityPerSlot}, 0)`);
  const week = weekOf(slot.day);
  let id: number | null;
  try {
    id = await withTx(db, async (tx) => {
      const took = await tx.execute(sql`UPDATE ${S} SET ${S.bookedCount} = ${S.bookedCount} + 1
        WHERE ${S.spaceId} = ${spaceId} AND ${S.startAt} = ${slot.startAt} AND ${S.bookedCount} < ${S.capacity}`);
      if (affected(took) === 0) return null;
      const mine = sql`${B.userId} = ${users.id} AND ${B.activeFlag} = 1`;
      const [[q]] = (await tx.execute(sql`SELECT
          (SELECT COUNT(*) FROM ${B} JOIN ${S} ON ${S.id} = ${B.slotId}
            WHERE ${mine} AND ${S.spaceId} = ${spaceId} AND ${S.startAt} = ${slot.startAt}) AS here,
          (SELECT COUNT(*) FROM ${B} WHERE ${mine} AND ${B.day} = ${slot.day}) AS today,
          (SELECT COUNT(*) FROM ${B} WHERE ${mine} AND ${B.day} BETWEEN ${week.monday} AND ${week.sunday}) AS week,
          (SELECT COUNT(*) FROM ${spaceBlackouts} WHERE ${spaceBlackouts.spaceId} = ${spaceId} AND ${spaceBlackouts.day} = ${slot.day}) AS closed
        FROM ${users} WHERE ${users.id} = ${userId} FOR UPDATE`)) as unknown as [Array<{ here: number; today: number; week: number; closed: number }>];
      if (Number(q.here) > 0) throw new AlreadyBooked();
      // a blackout set while this request was on its way
      if (Number(q.closed) > 0) throw conflict('booking_closed', '该日场地暂停开放');
      if (Number(q.today) >= rules.perUserPerDay) throw conflict('quota_exceeded', `每人每天最多预约该类场地 ${rules.perUserPerDay} 个时段`, { per: 'day', max: rules.perUserPerDay });
      if (Number(q.week) >= rules.perUserPerWeek) throw conflict('quota_exceeded', `每人每周最多预约 ${rules.perUserPerWeek} 个时段`, { per: 'week', max: rules.perUserPerWeek });
      const ins = await tx.execute(sql`INSERT INTO ${B} (${B.slotId}, ${B.spaceId}, ${B.userId}, ${B.status}, ${B.activeFlag}, ${B.startsAt}, ${B.endsAt}, ${B.day})
        SELECT ${S.id}, ${S.spaceId}, ${userId}, 'booked', 1, ${S.startAt}, ${S.endAt}, ${S.day} FROM ${S} WHERE ${S.spaceId} = ${spaceId} AND ${S.startAt} = ${slot.startAt}`);
      return (ins as unknown as [{ insertId: number }])[0].insertId;
    });
  } catch (e) {
    if (e instanceof AlreadyBooked || isDuplicateKey(e)) throw conflict('already_booked', '您已预约了这个时段');
    throw e;
  }
  if (id === null) {
    const [held] = await db
      .select({ id: slotBookings.id })
      .from(slotBookings)
      .innerJoin(spaceSlots, eq(spaceSlots.id, slotBookings.slotId))
      .where(and(eq(spaceSlots.spaceId, spaceId), eq(spaceSlots.startAt, slot.startAt), eq(slotBookings.userId, userId), eq(slotBookings.activeFlag, 1)));
    if (held) throw conflict('already_booked', '您已预约了这个时段');
    throw conflict('slot_full', '该时段已约满，请选择其他时段');
  }
  return { id, spaceId, spaceName: space.name, status: 'booked' as const, startAt: slot.startAt.toISOString(), endAt: slot.endAt.toISOString(), day: slot.day };
}

/** A resident cancels their own slot booking until the space's deadline. */
export async function cancelSlotBooking(db: Db, userId: number, id: number, now: Date) {
  const [own] = await db
    .select({ slotId: slotBookings.slotId, spaceId: slotBookings.spaceId })
    .from(slotBookings)
    .where(and(eq(slotBookings.id, id), eq(slotBookings.userId, userId)));
  if (!own) throw notFound('预约不存在');
  const { rules } = await loadSpace(db, own.spaceId);
  return withTx(db, async (tx) => {
    await tx.select({ id: spaceSlots.id }).from(spaceSlots).where(eq(spaceSlots.id, own.slotId)).for('update');
    const [b] = await tx.select().from(slotBookings).where(eq(slotBookings.id, id)).for('update');
    if (b.status !== 'booked') throw conflict('booking_not_active', '该预约已取消或已结束，无需再取消');
    const deadline = slotCancelDeadlineOf(b, rules.cancelDeadlineMinutes);
    if (!canCancelSlot(b, rules.cancelDeadlineMinutes, now)) throw conflict('cancel_deadline_passed', `时段开始前 ${rules.cancelDeadlineMinutes} 分钟内不能取消`, { deadline: deadline.toISOString() });
    await tx.update(slotBookings).set({ status: 'cancelled', activeFlag: null, cancelledAt: now, cancelReason: '本人取消' }).where(eq(slotBookings.id, id));
    await tx.update(spaceSlots).set({ bookedCount: sql`${spaceSlots.bookedCount} - 1` }).where(eq(spaceSlots.id, own.slotId));
    const [after] = await tx.select().from(slotBookings).where(eq(slotBookings.id, id));
    return presentSlotBooking(after);
  });
}

/**
 * Closes a space for a day (holiday, maintenance). Bookings already made for that day are
 * cancelled under each slot's lock and their holders told.
 */
export async function addBlackout(tx: Tx, user: AuthUser, spaceId: number, day: string, reason: string, now: Date) {
  const { space } = await managedSpace(tx, user, spaceId);
  if (day < shanghaiDay(now)) throw validationFailed({ day: '不能设置过去的日期' });
  {
    try {
      await tx.insert(spaceBlackouts).values({ spaceId, day, reason, createdBy: user.id });
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('blackout_exists', '该日期已设置为暂停开放');
      throw e;
    }
    const slots = await tx
      .select({ id: spaceSlots.id })
      .from(spaceSlots)
      .where(and(eq(spaceSlots.spaceId, spaceId), eq(spaceSlots.day, day)))
      .orderBy(spaceSlots.id)
      .for('update');
    const told: number[] = [];
    for (const s of slots) {
      const held = await tx
        .select({ id: slotBookings.id, userId: slotBookings.userId, startsAt: slotBookings.startsAt })
        .from(slotBookings)
        .where(and(eq(slotBookings.slotId, s.id), eq(slotBookings.status, 'booked')))
        .for('update');
      if (held.length === 0) continue;
      await tx
        .update(slotBookings)
        .set({ status: 'cancelled', activeFlag: null, cancelledAt: now, cancelReason: `场地暂停开放：${reason}`.slice(0, 100) })
        .where(inArray(slotBookings.id, held.map((h) => h.id)));
      await tx.update(spaceSlots).set({ bookedCount: sql`${spaceSlots.bookedCount} - ${held.length}` }).where(eq(spaceSlots.id, s.id));
      for (const h of held) {
        await notify(tx, h.userId, {
          kind: 'slot_cancelled',
          title: `场地预约取消：${space.name}`,
          body: `${formatShanghai(h.startsAt)} 的预约因场地暂停开放已取消${reason ? `（${reason}）` : ''}，请改约其他时段。`,
        });
        told.push(h.userId);
      }
    }
    return { spaceId, day, reason, cancelledBookings: told.length };
  }
}

/** Opens a closed day again; 404 when it was not closed. */
export async function removeBlackout(tx: Tx, user: AuthUser, spaceId: number, day: string): Promise<void> {
  await managedSpace(tx, user, spaceId);
  const [res] = await tx.delete(spaceBlackouts).where(and(eq(spaceBlackouts.spaceId, spaceId), eq(spaceBlackouts.day, day)));
  if ((res as { affectedRows: number }).affectedRows === 0) throw notFound('该日期没有暂停开放');
}

/** A worker sets a space's booking rules; future slot counters take the new capacity. */
export async function putRules(tx: Tx, user: AuthUser, spaceId: number, r: Omit<SpaceRulesRow, 'spaceId'>, now: Date) {
  await managedSpace(tx, user, spaceId);
  const problem = weeklyHoursProblem(r.weeklyHours, r.slotMinutes);
  if (problem) throw validationFailed({ weeklyHours: problem });
  await tx
    .insert(spaceRules)
    .values({ spaceId, ...r, updatedBy: user.id })
    .onDuplicateKeyUpdate({ set: { ...r, updatedBy: user.id } });
  await tx
    .update(spaceSlots)
    .set({ capacity: r.capacityPerSlot })
    .where(and(eq(spaceSlots.spaceId, spaceId), sql`${spaceSlots.startAt} > ${now}`));
  return presentRules((await loadSpace(tx, spaceId)).rules);
}
