import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { activities, bookings, serviceItems, spaces } from '../../db/schema';
import { conflict, forbidden, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { assertCanManageComplex, branchIdOf, isBranchPairedWith } from '../access/scope';
import { notify } from '../notifications/notify';
import { activityLink, lockActivity, promoteWaitlisted } from './cancel';
import { formatShanghai } from '../time/shanghai';
import { activityToRun, activityView, type ActivityView } from './queries';
import { DEFAULT_CANCEL_DEADLINE_MINUTES, type ActivityRow } from './rules';

export interface ActivityFields {
  title: string;
  description?: string;
  category?: string;
  audienceNote?: string;
  elderFriendly?: boolean;
  location?: string;
  spaceId?: number | null;
  serviceItemId?: number | null;
  startAt: Date;
  endAt: Date;
  capacity: number;
  waitlistCapacity?: number;
  bookingOpensAt?: Date | null;
  bookingClosesAt?: Date | null;
  cancelDeadlineMinutes?: number;
  pointsReward?: number;
  status?: 'draft' | 'published';
}

/** Field-level checks shared by create and edit; throws 422 naming the fields. */
function checkTimes(f: Pick<ActivityFields, 'startAt' | 'endAt' | 'bookingOpensAt' | 'bookingClosesAt'>) {
  const bad: Record<string, string> = {};
  if (f.endAt <= f.startAt) bad.endAt = '结束时间必须晚于开始时间';
  if (f.bookingOpensAt && f.bookingClosesAt && f.bookingClosesAt <= f.bookingOpensAt) bad.bookingClosesAt = '预约截止时间必须晚于开放时间';
  if (f.bookingClosesAt && f.bookingClosesAt > f.endAt) bad.bookingClosesAt = '预约截止时间不能晚于活动结束';
  if (f.bookingOpensAt && f.bookingOpensAt >= f.endAt) bad.bookingOpensAt = '预约开放时间必须早于活动结束';
  if (Object.keys(bad).length) throw validationFailed(bad);
}

async function checkRefs(db: Db | Tx, complexId: number, spaceId?: number | null, serviceItemId?: number | null) {
  if (spaceId) {
    const [s] = await db.select({ complexId: spaces.complexId }).from(spaces).where(eq(spaces.id, spaceId));
    if (!s || s.complexId !== complexId) throw validationFailed({ spaceId: '该空间不属于所选综合体' });
  }
  if (serviceItemId) {
    const [i] = await db.select({ id: serviceItems.id }).from(serviceItems).where(eq(serviceItems.id, serviceItemId));
    if (!i) throw validationFailed({ serviceItemId: '服务清单中没有该服务项' });
  }
}

/**
 * 发布活动. Workers publish at their complexes; a branch admin publishes its branch's offerings
 * (送服务) only at complexes the branch is paired with. Returns the activity with its names.
 */
export async function publishActivity(tx: Tx, user: AuthUser, input: ActivityFields & { complexId: number }, now: Date): Promise<ActivityView> {
  const { complexId, ...fields } = input;
  const a = await createActivity(tx, user, complexId, fields, now);
  return (await activityView(tx, a.id))!;
}

/** 修改活动 by someone who runs it (404 unknown, 403 not theirs); the fresh activity with its names. */
export async function editActivityAs(tx: Tx, user: AuthUser, id: number, patch: Partial<ActivityFields>, now: Date): Promise<ActivityView> {
  await activityToRun(tx, user, id);
  await editActivity(tx, id, patch, now);
  return (await activityView(tx, id))!;
}

/** 取消活动 by someone who runs it; the cancelled activity with its names and how many were told. */
export async function cancelActivityAs(tx: Tx, user: AuthUser, id: number, reason: string, now: Date): Promise<{ row: ActivityView; told: number }> {
  await activityToRun(tx, user, id);
  const { told } = await cancelActivity(tx, id, reason, now);
  return { row: (await activityView(tx, id))!, told };
}

async function createActivity(tx: Tx, user: AuthUser, complexId: number, f: ActivityFields, now: Date): Promise<ActivityRow> {
  const db = tx;
  let organizerBranchId: number | null = null;
  if (user.role === 'branch_admin') {
    organizerBranchId = await branchIdOf(db, user);
    if (!organizerBranchId || !(await isBranchPairedWith(db, organizerBranchId, complexId))) {
      throw forbidden('您所在的党支部未与该综合体结对，不能在此发布服务');
    }
  } else {
    await assertCanManageComplex(db, user, complexId);
  }
  checkTimes(f);
  if (f.startAt <= now) throw validationFailed({ startAt: '开始时间必须晚于现在' });
  await checkRefs(db, complexId, f.spaceId, f.serviceItemId);
  {
    const [{ id }] = await tx
      .insert(activities)
      .values({
        complexId,
        organizerBranchId,
        createdBy: user.id,
        title: f.title,
        description: f.description ?? '',
        category: f.category ?? (organizerBranchId ? '党员服务' : '其他'),
        audienceNote: f.audienceNote ?? '',
        elderFriendly: f.elderFriendly ?? false,
        location: f.location ?? '',
        spaceId: f.spaceId ?? null,
        serviceItemId: f.serviceItemId ?? null,
        startAt: f.startAt,
        endAt: f.endAt,
        capacity: f.capacity,
        waitlistCapacity: f.waitlistCapacity ?? 0,
        bookingOpensAt: f.bookingOpensAt ?? null,
        bookingClosesAt: f.bookingClosesAt ?? null,
        cancelDeadlineMinutes: f.cancelDeadlineMinutes ?? DEFAULT_CANCEL_DEADLINE_MINUTES,
        pointsReward: f.pointsReward ?? 0,
        status: f.status ?? 'published',
      })
      .$returningId();
    const [row] = await tx.select().from(activities).where(eq(activities.id, id));
    return row;
  }
}

/**
 * Edits an activity under its row lock. Capacity never drops below the seats already taken; more
 * seats go to the waitlist first; new times reach every booking (and its holder is told).
 */
export async function editActivity(tx: Tx, id: number, patch: Partial<ActivityFields>, now: Date): Promise<ActivityRow> {
  const a = (await lockActivity(tx, id))!;
  if (a.status === 'cancelled' || a.status === 'finished' || a.endAt <= now) throw conflict('activity_not_editable', '已取消或已结束的活动不能修改');
  if (patch.status === 'draft' && a.status === 'published' && a.bookedCount + a.waitlistCount > 0) {
    throw conflict('activity_has_bookings', '已有居民预约，不能改回草稿；如需停办请取消活动');
  }
  const merged = {
    startAt: patch.startAt ?? a.startAt,
    endAt: patch.endAt ?? a.endAt,
    bookingOpensAt: patch.bookingOpensAt !== undefined ? patch.bookingOpensAt : a.bookingOpensAt,
    bookingClosesAt: patch.bookingClosesAt !== undefined ? patch.bookingClosesAt : a.bookingClosesAt,
  };
  checkTimes(merged);
  const timesChange = merged.startAt.getTime() !== a.startAt.getTime() || merged.endAt.getTime() !== a.endAt.getTime();
  // Moving an activity into the past would turn every booking into a no-show at the next sweep.
  if (timesChange && merged.startAt <= now) throw validationFailed({ startAt: '调整后的开始时间必须晚于现在' });
  const capacity = patch.capacity ?? a.capacity;
  const waitlistCapacity = patch.waitlistCapacity ?? a.waitlistCapacity;
  if (capacity < a.bookedCount) throw conflict('capacity_below_booked', `已有 ${a.bookedCount} 人预约，名额不能少于该人数`, { bookedCount: a.bookedCount });
  if (waitlistCapacity < a.waitlistCount) {
    throw conflict('capacity_below_booked', `已有 ${a.waitlistCount} 人候补，候补名额不能少于该人数`, { waitlistCount: a.waitlistCount });
  }
  await checkRefs(tx, a.complexId, patch.spaceId, patch.serviceItemId);
  await tx
    .update(activities)
    .set({ ...patch, ...merged, capacity, waitlistCapacity })
    .where(eq(activities.id, id));
  if (timesChange) {
    await tx.update(bookings).set({ endsAt: merged.endAt }).where(and(eq(bookings.activityId, id), eq(bookings.activeFlag, 1)));
    const holders = await tx
      .select({ userId: bookings.userId })
      .from(bookings)
      .where(and(eq(bookings.activityId, id), inArray(bookings.status, ['booked', 'waitlisted'])))
      .for('update');
    await notify(
      tx,
      holders.map((h) => h.userId),
      {
        kind: 'activity_changed',
        title: `活动时间调整：「${patch.title ?? a.title}」`,
        body: `原定 ${formatShanghai(a.startAt)}，新的时间：${formatShanghai(merged.startAt)} 开始。如不能参加，请在截止前取消预约。`,
        link: activityLink(id),
      },
    );
  }
  const [fresh] = await tx.select().from(activities).where(eq(activities.id, id));
  if (fresh.status === 'published' && fresh.capacity > fresh.bookedCount) await promoteWaitlisted(tx, fresh, fresh.capacity - fresh.bookedCount, now);
  const [out] = await tx.select().from(activities).where(eq(activities.id, id));
  return out;
}

/** Calls an activity off: every active booking is cancelled and its holder told. */
export async function cancelActivity(tx: Tx, id: number, reason: string, now: Date): Promise<{ activity: ActivityRow; told: number }> {
  const a = (await lockActivity(tx, id))!;
  if (a.status === 'cancelled') throw conflict('activity_cancelled', '该活动已取消');
  if (a.status === 'finished' || a.endAt <= now) throw conflict('activity_not_editable', '已结束的活动不能取消');
  // Under the activity lock no check-in can land meanwhile: once someone is here, it took place.
  // Locking reads from here on: a plain read would use the snapshot of the transaction's first
  // read, which may predate a check-in or booking that committed while we waited for the lock.
  const [present] = await tx
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.activityId, id), eq(bookings.status, 'checked_in')))
    .limit(1)
    .for('update');
  if (present) throw conflict('activity_in_progress', '已有居民签到，活动不能再取消');
  const holders = await tx
    .select({ userId: bookings.userId })
    .from(bookings)
    .where(and(eq(bookings.activityId, id), inArray(bookings.status, ['booked', 'waitlisted'])))
    .for('update');
  await tx
    .update(bookings)
    .set({ status: 'cancelled', activeFlag: null, cancelledAt: now, cancelReason: `活动取消：${reason}`.slice(0, 100), waitlistSeq: null })
    .where(and(eq(bookings.activityId, id), inArray(bookings.status, ['booked', 'waitlisted'])));
  await tx.update(activities).set({ status: 'cancelled', bookedCount: 0, waitlistCount: 0 }).where(eq(activities.id, id));
  await notify(
    tx,
    holders.map((h) => h.userId),
    {
      kind: 'activity_cancelled',
      title: `活动取消：「${a.title}」`,
      body: `原定 ${formatShanghai(a.startAt)} 的活动已取消。原因：${reason}。给您带来不便，敬请谅解。`,
      link: activityLink(id),
    },
  );
  const [out] = await tx.select().from(activities).where(eq(activities.id, id));
  return { activity: out, told: holders.length };
}
