import { and, asc, desc, eq, gte, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Deps } from '../../deps';
import { isDuplicateKey, withTx, type Db, type DbOrTx, type Tx } from '../../db/client';
import { complexes, meetingAgendaItems, meetingSignups, meetings, opinionEvents, opinions } from '../../db/schema';
import { appError, conflict, notFound, validationFailed } from '../../errors';
import type { AuthUser, RequestFacts } from '../access/actor';
import {
  AGENDA_DECISION_LABELS,
  MEETING_TYPE_LABELS,
  OPINION_POINTS,
  type AgendaDecision,
  type MeetingType,
} from '../../../../shared/opinions';
import { assertCanManageComplex, canManageComplex } from '../access/scope';
import { audit } from '../audit/log';
import { issueVenueCode, verifyVenueCode } from '../checkin/venueCode';
import { notify } from '../notifications/notify';
import { sendSubscribed } from '../notifications/subscribe';
import { credit } from '../points/ledger';
import { opinionLink } from '../opinions/notices';
import { HIDDEN_FROM_PUBLIC } from '../opinions/workflow';

dayjs.extend(utc);
dayjs.extend(timezone);

export type MeetingRow = typeof meetings.$inferSelect;
export const meetingLink = (id: number) => `/packages/roundtable/pages/meeting/index?id=${id}`;
/** Check-in opens an hour before the start and closes at the end. */
const CHECKIN_EARLY_MS = 3_600_000;

async function loadMeeting(db: DbOrTx, id: number): Promise<MeetingRow> {
  const [m] = await db.select().from(meetings).where(eq(meetings.id, id));
  if (!m) throw notFound('会议不存在');
  return m;
}

export interface MeetingInput {
  complexId: number;
  type: MeetingType;
  topic: string;
  description?: string;
  place: string;
  startAt: Date;
  endAt: Date;
  capacity: number;
}

/** Schedules a meeting of a complex the caller runs, inside the caller's transaction (audited by the route). */
export async function scheduleMeeting(tx: Tx, user: AuthUser, input: MeetingInput, now: Date): Promise<{ id: number }> {
  await assertCanManageComplex(tx, user, input.complexId);
  if (input.endAt <= input.startAt) throw validationFailed({ endAt: '结束时间须晚于开始时间' });
  if (input.startAt <= now) throw validationFailed({ startAt: '开始时间须晚于现在' });
  const [{ id }] = await tx
    .insert(meetings)
    .values({ ...input, description: input.description ?? '', createdBy: user.id })
    .$returningId();
  return { id };
}

function presentMeeting(m: MeetingRow, complexName: string | null, now: Date) {
  return {
    id: m.id,
    complexId: m.complexId,
    complexName,
    type: m.type,
    typeLabel: MEETING_TYPE_LABELS[m.type],
    topic: m.topic,
    description: m.description,
    place: m.place,
    startAt: m.startAt.toISOString(),
    endAt: m.endAt.toISOString(),
    capacity: m.capacity,
    signedCount: m.signedCount,
    status: m.status,
    signupOpen: m.status === 'scheduled' && m.startAt > now && m.signedCount < m.capacity,
  };
}

/** Meetings of a complex (or all), upcoming first; `past` lists those that ended, newest first. */
export async function listMeetings(db: Db, q: { complexId?: number; past?: boolean; cursor?: number; limit: number }, userId: number | null, now: Date) {
  const where: SQL[] = [q.past ? lt(meetings.endAt, now) : gte(meetings.endAt, now)];
  if (q.complexId) where.push(eq(meetings.complexId, q.complexId));
  if (q.cursor) where.push(q.past ? lt(meetings.id, q.cursor) : sql`${meetings.id} > ${q.cursor}`);
  const rows = await db
    .select({ m: meetings, complexName: complexes.name })
    .from(meetings)
    .innerJoin(complexes, eq(complexes.id, meetings.complexId))
    .where(and(...where))
    .orderBy(q.past ? desc(meetings.id) : asc(meetings.id))
    .limit(q.limit + 1);
  const slice = rows.slice(0, q.limit);
  const mine = userId && slice.length
    ? new Set((await db.select({ id: meetingSignups.meetingId }).from(meetingSignups).where(and(eq(meetingSignups.userId, userId), inArray(meetingSignups.meetingId, slice.map((r) => r.m.id))))).map((r) => r.id))
    : new Set<number>();
  return {
    items: slice.map((r) => ({ ...presentMeeting(r.m, r.complexName, now), signedUp: mine.has(r.m.id) })),
    nextCursor: rows.length > q.limit ? slice[slice.length - 1].m.id : null,
  };
}

export async function meetingDetail(db: Db, user: AuthUser | null, id: number, now: Date) {
  const m = await loadMeeting(db, id);
  const [c] = await db.select({ name: complexes.name }).from(complexes).where(eq(complexes.id, m.complexId));
  const items = await db
    .select({ a: meetingAgendaItems, opinionStatus: opinions.status, visibility: opinions.visibility, cosigns: opinions.cosignCount })
    .from(meetingAgendaItems)
    .leftJoin(opinions, eq(opinions.id, meetingAgendaItems.opinionId))
    .where(eq(meetingAgendaItems.meetingId, id))
    .orderBy(asc(meetingAgendaItems.seq));
  const [signup] = user ? await db.select().from(meetingSignups).where(and(eq(meetingSignups.meetingId, id), eq(meetingSignups.userId, user.id))) : [];
  const staff = !!user && (await canManageComplex(db, user, m.complexId));
  const [{ checkedIn }] = await db
    .select({ checkedIn: sql<number>`count(${meetingSignups.checkedInAt})` })
    .from(meetingSignups)
    .where(eq(meetingSignups.meetingId, id));
  return {
    ...presentMeeting(m, c?.name ?? null, now),
    checkedInCount: Number(checkedIn),
    minutes: m.minutes,
    minutesAt: m.minutesAt?.toISOString() ?? null,
    canManage: staff,
    mySignup: signup ? { signedUpAt: signup.createdAt.toISOString(), checkedInAt: signup.checkedInAt?.toISOString() ?? null } : null,
    agenda: items.map(({ a, visibility, cosigns }) => ({
      id: a.id,
      seq: a.seq,
      title: a.title,
      // A private opinion on the agenda shows its title only; the link is for those who may open it.
      opinionId: a.opinionId && (staff || visibility === 'public') ? a.opinionId : null,
      cosignCount: cosigns ?? 0,
      decision: a.decision,
      decisionLabel: a.decision ? AGENDA_DECISION_LABELS[a.decision] : null,
      decisionNote: a.decisionNote,
    })),
  };
}

/** Puts an opinion of the meeting's complex (or a free topic) on the agenda, inside the caller's transaction (audited by the route). */
export async function addAgendaItem(tx: Tx, user: AuthUser, meetingId: number, input: { opinionId?: number; title?: string }): Promise<{ id: number; seq: number; title: string }> {
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (!m) throw notFound('会议不存在');
  await assertCanManageComplex(tx, user, m.complexId);
  if (m.status !== 'scheduled') throw conflict('meeting_concluded', '会议已结束，议程不能再改');
  let title = input.title;
  if (input.opinionId) {
    const [o] = await tx.select().from(opinions).where(eq(opinions.id, input.opinionId));
    if (!o || o.complexId !== m.complexId) throw validationFailed({ opinionId: '只能选择本综合体收到的意见' });
    if (HIDDEN_FROM_PUBLIC.includes(o.status) || o.status === 'submitted' || o.status === 'rejected') throw validationFailed({ opinionId: '该意见未受理，不能列入议程' });
    title ??= o.title;
  }
  if (!title) throw validationFailed({ title: '请填写议题或选择一条意见' });
  const [{ next }] = await tx.select({ next: sql<number>`coalesce(max(${meetingAgendaItems.seq}), 0) + 1` }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId));
  try {
    const [{ id }] = await tx.insert(meetingAgendaItems).values({ meetingId, opinionId: input.opinionId ?? null, title, seq: Number(next) }).$returningId();
    return { id, seq: Number(next), title };
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('already_on_agenda', '该意见已在议程中');
    throw e;
  }
}

/** Takes an item off a meeting's agenda that has not concluded, inside the caller's transaction (audited by the route). */
export async function removeAgendaItem(tx: Tx, user: AuthUser, meetingId: number, itemId: number): Promise<void> {
  const m = await loadMeeting(tx, meetingId);
  await assertCanManageComplex(tx, user, m.complexId);
  if (m.status !== 'scheduled') throw conflict('meeting_concluded', '会议已结束，议程不能再改');
  const [res] = await tx.delete(meetingAgendaItems).where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId)));
  if ((res as { affectedRows: number }).affectedRows === 0) throw notFound('议题不存在');
}

/**
 * Signs a resident up: the seat is taken with one conditional UPDATE on the meeting row (taken
 * first, so the signup insert's foreign-key check cannot deadlock against it) and the unique
 * (meeting, user) key refuses a second signup of the same person.
 */
export async function signUp(deps: Deps, user: AuthUser, meetingId: number): Promise<{ signedCount: number }> {
  const now = deps.clock.now();
  const taken = await withTx(deps.db, async (tx) => {
    const [res] = await tx
      .update(meetings)
      .set({ signedCount: sql`${meetings.signedCount} + 1` })
      .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'scheduled'), sql`${meetings.startAt} > ${now}`, lt(meetings.signedCount, meetings.capacity)));
    if ((res as { affectedRows: number }).affectedRows === 0) return false;
    try {
      await tx.insert(meetingSignups).values({ meetingId, userId: user.id, createdAt: now });
    } catch (e) {
      if (isDuplicateKey(e)) throw conflict('already_signed_up', '您已报名该会议');
      throw e;
    }
    return true;
  });
  const m = await loadMeeting(deps.db, meetingId);
  if (!taken) {
    const [mine] = await deps.db.select({ id: meetingSignups.id }).from(meetingSignups).where(and(eq(meetingSignups.meetingId, meetingId), eq(meetingSignups.userId, user.id)));
    if (mine) throw conflict('already_signed_up', '您已报名该会议');
    if (m.status !== 'scheduled' || m.startAt <= now) throw conflict('signup_closed', '会议已开始或已结束，不能报名');
    throw conflict('meeting_full', '名额已满');
  }
  return { signedCount: m.signedCount };
}

/** Gives the seat back before the meeting starts (not after checking in). */
export async function cancelSignup(deps: Deps, user: AuthUser, meetingId: number): Promise<void> {
  const now = deps.clock.now();
  const m = await loadMeeting(deps.db, meetingId);
  if (m.startAt <= now) throw conflict('signup_closed', '会议已开始，不能取消报名');
  await withTx(deps.db, async (tx) => {
    await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
    const [res] = await tx.delete(meetingSignups).where(and(eq(meetingSignups.meetingId, meetingId), eq(meetingSignups.userId, user.id), isNull(meetingSignups.checkedInAt)));
    if ((res as { affectedRows: number }).affectedRows === 0) throw notFound('您没有报名该会议');
    await tx.update(meetings).set({ signedCount: sql`${meetings.signedCount} - 1` }).where(eq(meetings.id, meetingId));
  });
}

/** The rotating code a worker's phone shows at the venue. */
export async function meetingVenueCode(deps: Deps, user: AuthUser, meetingId: number) {
  const m = await loadMeeting(deps.db, meetingId);
  await assertCanManageComplex(deps.db, user, m.complexId);
  const c = issueVenueCode(deps.config.JWT_SECRET, 'meeting', meetingId, deps.clock.now());
  return { code: c.code, expiresAt: c.expiresAt.toISOString() };
}

/** A signed-up resident scans the venue code: attendance (what meeting-scoped votes check). */
export async function checkIn(deps: Deps, user: AuthUser, meetingId: number, code: string): Promise<{ checkedInAt: string }> {
  const now = deps.clock.now();
  const v = verifyVenueCode(deps.config.JWT_SECRET, code, now);
  if (!v.ok || v.kind !== 'meeting' || v.id !== meetingId) {
    throw appError(422, 'invalid_code', !v.ok && v.reason === 'expired' ? '签到码已过期，请重新扫码' : '签到码无效，请扫描本场会议现场的签到码');
  }
  const m = await loadMeeting(deps.db, meetingId);
  if (now.getTime() < m.startAt.getTime() - CHECKIN_EARLY_MS || now > m.endAt) throw conflict('checkin_closed', '不在签到时间内（开始前 1 小时至结束）');
  const [s] = await deps.db.select().from(meetingSignups).where(and(eq(meetingSignups.meetingId, meetingId), eq(meetingSignups.userId, user.id)));
  if (!s) throw conflict('not_signed_up', '您没有报名该会议');
  if (s.checkedInAt) return { checkedInAt: s.checkedInAt.toISOString() };
  await deps.db.update(meetingSignups).set({ checkedInAt: now }).where(and(eq(meetingSignups.id, s.id), isNull(meetingSignups.checkedInAt)));
  return { checkedInAt: now.toISOString() };
}

export interface MinutesInput {
  minutes: string;
  decisions: Array<{ itemId: number; decision: AgendaDecision; note?: string }>;
}

/**
 * Publishes the minutes and a decision for every agenda item, once. An adopted opinion pays its
 * submitter `opinion_adopted` points through the ledger (source opinion:<id>, so never twice,
 * even if the opinion is adopted again at a later meeting) and lands on its timeline.
 */
export async function publishMinutes(deps: Deps, user: AuthUser, meetingId: number, input: MinutesInput, facts: RequestFacts) {
  const now = deps.clock.now();
  const result = await withTx(deps.db, async (tx) => {
    const [m] = await tx.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
    if (!m) throw notFound('会议不存在');
    await assertCanManageComplex(tx, user, m.complexId);
    if (m.status !== 'scheduled') throw conflict('minutes_published', '会议纪要已发布');
    if (m.startAt > now) throw conflict('meeting_not_started', '会议开始后才能发布纪要');
    const items = await tx.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId));
    const byId = new Map(input.decisions.map((d) => [d.itemId, d]));
    const fields: Record<string, string> = {};
    for (const d of input.decisions) if (!items.some((i) => i.id === d.itemId)) fields[`decisions.${d.itemId}`] = '不是本次会议的议题';
    for (const i of items) if (!byId.has(i.id)) fields[`decisions.${i.id}`] = `请为议题「${i.title}」作出决定`;
    if (Object.keys(fields).length) throw validationFailed(fields);
    let credited = 0;
    for (const item of items) {
      const d = byId.get(item.id)!;
      await tx.update(meetingAgendaItems).set({ decision: d.decision, decisionNote: d.note ?? null }).where(eq(meetingAgendaItems.id, item.id));
      if (!item.opinionId) continue;
      const [o] = await tx.select().from(opinions).where(eq(opinions.id, item.opinionId));
      const note = `${MEETING_TYPE_LABELS[m.type]}「${m.topic}」：${AGENDA_DECISION_LABELS[d.decision]}${d.note ? `。${d.note}` : ''}`;
      await tx.insert(opinionEvents).values({ opinionId: o.id, actorId: user.id, action: d.decision, fromStatus: o.status, toStatus: o.status, note, createdAt: now });
      let body = note;
      if (d.decision === 'adopted') {
        const paid = await credit(tx, {
          userId: o.userId,
          delta: OPINION_POINTS.adopted,
          reason: 'opinion_adopted',
          source: `opinion:${o.id}`,
          description: `意见「${o.title}」被采纳`,
          actorId: user.id,
          now,
        });
        if (paid.entry && !paid.duplicate) {
          credited++;
          body += `，奖励 ${paid.entry.delta} 积分`;
        }
      }
      await notify(tx, o.userId, { kind: 'opinion', title: `您的意见「${o.title}」${AGENDA_DECISION_LABELS[d.decision]}`, body, link: opinionLink(o.id) });
    }
    await tx.update(meetings).set({ status: 'concluded', minutes: input.minutes, minutesAt: now }).where(eq(meetings.id, meetingId));
    const attendees = await tx.select({ id: meetingSignups.userId }).from(meetingSignups).where(eq(meetingSignups.meetingId, meetingId));
    await notify(tx, attendees.map((a) => a.id), { kind: 'meeting', title: `「${m.topic}」会议纪要已发布`, body: input.minutes.slice(0, 100), link: meetingLink(meetingId) });
    await audit(tx, { actorId: user.id, action: 'meeting.minutes', targetType: 'meeting', targetId: meetingId, detail: { decisions: input.decisions, credited }, ...facts });
    return { credited, attendees: attendees.map((a) => a.id), meeting: m };
  });
  // WeChat subscribe message (template WECHAT_TPL_MEETING: thing1 topic, time2 start, thing3 note) to
  // those who allowed one; after the commit, never failing the publication.
  for (const userId of result.attendees) {
    void sendSubscribed(deps, userId, deps.config.WECHAT_TPL_MEETING, {
      page: meetingLink(meetingId).replace(/^\//, ''),
      data: { thing1: result.meeting.topic, time2: dayjs(result.meeting.startAt).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'), thing3: '会议纪要与决定已发布' },
    });
  }
  return { status: 'concluded' as const, credited: result.credited };
}

