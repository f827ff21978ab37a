import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { careEvents, careRequests, complexes, users } from '../../db/schema';
import { CARE_KIND_LABELS, CARE_STATUS_LABELS } from '../../../../shared/constants';
import { decryptPhone } from '../auth/phone';
import { isOverdueEmergency } from './lifecycle';

export type CareRow = typeof careRequests.$inferSelect;

export const careLink = (id: number) => `/packages/elder/pages/request/index?id=${id}`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A care request as the API shows it. The phone number is only in clear for the staff who
 * dispatch (`showPhone`); everyone else sees it masked.
 */
export async function presentCare(db: DbOrTx, rows: CareRow[], o: { now: Date; showPhone: boolean; piiKey: string }) {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => [r.seniorId, r.requestedBy, r.assigneeId].filter((x): x is number => x !== null)))];
  const people = new Map(
    (await db.select({ id: users.id, nickname: users.nickname, realName: users.realName }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u]),
  );
  const places = new Map(
    (
      await db
        .select({ id: complexes.id, name: complexes.name, hotline: complexes.hotline })
        .from(complexes)
        .where(inArray(complexes.id, [...new Set(rows.map((r) => r.complexId))]))
    ).map((c) => [c.id, c]),
  );
  const person = (id: number | null) => (id === null ? null : { id, nickname: people.get(id)?.nickname ?? '' });
  return rows.map((r) => {
    const senior = people.get(r.seniorId);
    let phone = r.phoneMasked;
    if (o.showPhone && r.phoneEnc) phone = decryptPhone(r.phoneEnc, o.piiKey);
    const c = places.get(r.complexId);
    return {
      id: r.id,
      kind: r.kind,
      kindLabel: CARE_KIND_LABELS[r.kind],
      priority: r.priority,
      status: r.status,
      statusLabel: CARE_STATUS_LABELS[r.status],
      flagged: isOverdueEmergency(r, o.now),
      waitingMinutes: r.status === 'submitted' ? Math.max(0, Math.floor((o.now.getTime() - r.createdAt.getTime()) / 60_000)) : null,
      senior: { id: r.seniorId, nickname: senior?.nickname ?? '', realName: o.showPhone ? (senior?.realName ?? null) : null },
      requestedBy: person(r.requestedBy)!,
      onBehalf: r.requestedBy !== r.seniorId,
      complexId: r.complexId,
      complexName: c?.name ?? '',
      hotline: c?.hotline ?? '',
      address: r.address,
      phone,
      note: r.note,
      assignee: person(r.assigneeId),
      createdAt: r.createdAt.toISOString(),
      acceptedAt: iso(r.acceptedAt),
      dispatchedAt: iso(r.dispatchedAt),
      startedAt: iso(r.startedAt),
      completedAt: iso(r.completedAt),
      cancelledAt: iso(r.cancelledAt),
      cancelReason: r.cancelReason,
      rating: r.rating,
      ratingComment: r.ratingComment,
    };
  });
}

/** Who did what, when, on one request. */
export async function careTimeline(db: DbOrTx, requestId: number) {
  const rows = await db
    .select({ status: careEvents.status, note: careEvents.note, createdAt: careEvents.createdAt, actorId: careEvents.actorId, actor: users.nickname, onBehalfOf: careEvents.onBehalfOf })
    .from(careEvents)
    .innerJoin(users, eq(users.id, careEvents.actorId))
    .where(eq(careEvents.requestId, requestId))
    .orderBy(asc(careEvents.id));
  return rows.map((e) => ({
    status: e.status,
    statusLabel: CARE_STATUS_LABELS[e.status],
    note: e.note,
    actor: { id: e.actorId, nickname: e.actor },
    onBehalf: e.onBehalfOf !== null,
    at: e.createdAt.toISOString(),
  }));
}

type Presented = Awaited<ReturnType<typeof presentCare>>[number];
type Event = Awaited<ReturnType<typeof careTimeline>>[number];

/**
 * What an assignee who is not staff (a volunteer) sees of a job: what the visit needs — the kind,
 * the note, the address and a masked phone (they call through the hotline) — and only while the
 * job is theirs and open. Who asked (family), the senior's real name, the rating, the reasons and
 * who did what on the timeline are not theirs to see; after the job ends the address goes too.
 */
export function jobView<T extends Presented & { timeline: Event[] }>(d: T, row: CareRow): T {
  const open = row.status === 'dispatched' || row.status === 'in_service';
  return {
    ...d,
    senior: { id: d.senior.id, nickname: d.senior.nickname, realName: null },
    requestedBy: { id: d.senior.id, nickname: d.senior.nickname },
    onBehalf: false,
    address: open ? d.address : '（服务已结束，地址不再显示）',
    phone: open ? row.phoneMasked : null,
    note: open ? d.note : '',
    cancelReason: null,
    ratingComment: null,
    rating: null,
    timeline: d.timeline.map((e) => ({ ...e, note: '', actor: { id: 0, nickname: '' }, onBehalf: false })),
  };
}
