import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { complexes, helpRatings, helpRequests, users } from '../../db/schema';
import { notFound } from '../../errors';
import { HELP_CATEGORY_LABELS, HELP_STATUS_LABELS, type HelpStatus } from '../../../../shared/helping';
import type { HelpRequestView } from '../../../../shared/api/helping';
import type { AuthUser } from '../access/actor';
import { canManageComplex } from '../access/scope';
import { maskName } from '../points/leaderboard';
import { distanceSql } from '../places/geo';
import { helpingSuspendedUntil, sideOf, type HelpRow } from './requests';
import { canSeeAddress, canSeeContact, roughDistance, type Side } from './rules';

type Action = HelpRequestView['actions'][number];

async function people(db: DbOrTx, ids: number[]) {
  const uniq = [...new Set(ids)];
  if (!uniq.length) return new Map<number, { nickname: string; phoneMasked: string | null }>();
  const rows = await db.select({ id: users.id, nickname: users.nickname, phoneMasked: users.phoneMasked }).from(users).where(inArray(users.id, uniq));
  return new Map(rows.map((r) => [r.id, { nickname: r.nickname || '居民', phoneMasked: r.phoneMasked }]));
}

function actionsFor(side: Side, r: HelpRow, canHelp: boolean, rated: boolean): Action[] {
  const a: Action[] = [];
  if (side === 'requester') {
    if (r.status === 'taken') a.push('confirm_match', 'decline_match');
    if (r.status === 'matched') a.push('done', 'dispute');
    if (['open', 'taken', 'matched'].includes(r.status)) a.push('cancel');
  } else if (side === 'helper') {
    if (r.status === 'matched') a.push('dispute');
    if (['taken', 'matched'].includes(r.status)) a.push('cancel');
  } else if (side === 'staff') {
    if (r.status === 'disputed') a.push('decide');
  }
  if (side === 'other' && r.status === 'open' && canHelp) a.push('take');
  if ((side === 'requester' || side === 'helper') && r.status === 'done' && !rated) a.push('rate');
  return a;
}

/** Presents one request for the caller (address and contacts by the privacy rules in rules.ts). */
export async function presentHelp(db: DbOrTx, user: AuthUser, rows: (HelpRow & { distanceM?: number | null })[], now: Date): Promise<HelpRequestView[]> {
  if (!rows.length) return [];
  const names = await people(db, rows.flatMap((r) => [r.requesterId, ...(r.helperId ? [r.helperId] : [])]));
  const cx = await db.select({ id: complexes.id, name: complexes.name }).from(complexes).where(inArray(complexes.id, [...new Set(rows.map((r) => r.complexId))]));
  const cname = new Map(cx.map((c) => [c.id, c.name]));
  const ratings = await db
    .select()
    .from(helpRatings)
    .where(inArray(helpRatings.requestId, rows.map((r) => r.id)));
  const suspended = (await helpingSuspendedUntil(db, user.id, now)) !== null;
  const out: HelpRequestView[] = [];
  for (const r of rows) {
    const side = await sideOf(db, user, r);
    const matched = ['matched', 'disputed', 'done'].includes(r.status);
    const raterId = side === 'requester' ? r.requesterId : side === 'helper' ? r.helperId : null;
    const mine = ratings.find((x) => x.requestId === r.id && x.raterId === raterId) ?? null;
    // names are masked for others and before the match; each side always sees its own, staff see both
    const person = (id: number) => {
      const n = names.get(id)?.nickname ?? '居民';
      const own = (side === 'requester' && id === r.requesterId) || (side === 'helper' && id === r.helperId);
      return { id, name: side === 'staff' || own || (matched && side !== 'other') ? n : maskName(n) };
    };
    const contactOf = side === 'helper' ? r.requesterId : r.helperId;
    const cancelAsked = r.cancelAskedBy === null || r.status !== 'matched' ? null : (await sideOf(db, { ...user, id: r.cancelAskedBy }, r)) === side ? 'by_me' : 'by_other';
    out.push({
      id: r.id,
      complexId: r.complexId,
      complexName: cname.get(r.complexId) ?? '',
      category: r.category,
      categoryLabel: HELP_CATEGORY_LABELS[r.category],
      title: r.title,
      detail: r.detail,
      roughPlace: r.roughPlace,
      address: canSeeAddress(side, r.status, r.helperId === user.id) ? r.address : null,
      distanceM: r.distanceM == null ? null : roughDistance(r.distanceM),
      from: r.fromAt.toISOString(),
      to: r.toAt.toISOString(),
      points: r.points,
      status: r.status,
      statusLabel: HELP_STATUS_LABELS[r.status],
      requester: person(r.requesterId),
      helper: r.helperId ? person(r.helperId) : null,
      postedByFamily: r.postedBy !== r.requesterId,
      side,
      contact:
        canSeeContact(side, r.status) && contactOf
          ? { name: names.get(contactOf)?.nickname ?? '居民', phoneMasked: names.get(contactOf)?.phoneMasked ?? null }
          : null,
      cancelAsked,
      dispute: r.disputeReason && (side !== 'other') ? { reason: r.disputeReason, decision: r.decision, note: r.decisionNote } : null,
      actions: actionsFor(side, r, user.role === 'resident' && !suspended, !!mine),
      myRating: mine ? { stars: mine.stars, comment: mine.comment } : null,
      createdAt: r.createdAt.toISOString(),
    });
  }
  return out;
}

/** One request, or 404. */
export async function loadHelp(db: DbOrTx, id: number): Promise<HelpRow> {
  const [r] = await db.select().from(helpRequests).where(eq(helpRequests.id, id));
  if (!r) throw notFound('找不到这条互助求助');
  return r;
}

export interface ListQuery {
  complexId?: number;
  status: HelpStatus;
  lat?: number;
  lng?: number;
  offset: number;
  limit: number;
}

/**
 * Requests of a complex (or all), nearest first when a point is given (else soonest first).
 * Open requests are public to signed-in users; other states only to staff of the complex and
 * to the request's own sides.
 */
export async function listHelp(db: DbOrTx, user: AuthUser, q: ListQuery) {
  const conds: (SQL | undefined)[] = [eq(helpRequests.status, q.status), q.complexId ? eq(helpRequests.complexId, q.complexId) : undefined];
  const staffHere = q.complexId !== undefined && user.role !== 'resident' && (await canManageComplex(db, user, q.complexId));
  if (q.status !== 'open' && !staffHere) conds.push(or(eq(helpRequests.requesterId, user.id), eq(helpRequests.postedBy, user.id), eq(helpRequests.helperId, user.id)));
  const dist = q.lat !== undefined && q.lng !== undefined ? distanceSql(helpRequests.lat, helpRequests.lng, q.lat, q.lng) : null;
  const rows = await db
    .select({ r: helpRequests, d: dist ?? sql<null>`NULL` })
    .from(helpRequests)
    .where(and(...conds))
    .orderBy(...(dist ? [asc(dist), asc(helpRequests.id)] : [asc(helpRequests.fromAt), asc(helpRequests.id)]))
    .limit(q.limit + 1)
    .offset(q.offset);
  return { rows: rows.slice(0, q.limit).map((x) => ({ ...x.r, distanceM: x.d == null ? null : Number(x.d) })), more: rows.length > q.limit };
}

/** The caller's requests (as requester or the family member who posted) or the ones they help, newest first. */
export async function myHelp(db: DbOrTx, user: AuthUser, as: 'requester' | 'helper', limit: number): Promise<HelpRow[]> {
  const who = as === 'helper' ? eq(helpRequests.helperId, user.id) : or(eq(helpRequests.requesterId, user.id), eq(helpRequests.postedBy, user.id));
  return db.select().from(helpRequests).where(who).orderBy(desc(helpRequests.id)).limit(limit);
}
