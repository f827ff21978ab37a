import { and, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { familyLinkAttempts, familyLinkCodes, familyLinks, users } from '../../db/schema';
import { appError, conflict, notFound, validationFailed } from '../../errors';
import { INVISIBLE_CHARS, imitatesStaff } from '../users/nicknames';
import type { FamilyRelation } from '../../../../shared/constants';
import { notify } from '../notifications/notify';
import { spendCode } from './codes';

export type FamilyLink = typeof familyLinks.$inferSelect;

/** Link requests a family member may send per hour, registered phone or not (each may message a senior). */
export const LINK_REQUESTS_PER_HOUR = 5;
/** Wrong consent codes a family member may enter per hour (counted against them, never the senior). */
export const BAD_CODES_PER_HOUR = 5;

const FAMILY_PAGE = '/packages/elder/pages/family/index';
const HOUR_MS = 3600_000;

/**
 * How the requester is named to the senior: the last four digits of their phone, and their
 * nickname only when it cannot pass for staff or the platform (no 工作人员, 社区, 客服 …, no
 * invisible characters).
 */
async function requesterLabel(tx: Tx, userId: number): Promise<string> {
  const [u] = await tx.select({ nickname: users.nickname, phoneMasked: users.phoneMasked }).from(users).where(eq(users.id, userId));
  const tail = u?.phoneMasked ? `手机尾号 ${u.phoneMasked.slice(-4)} 的用户` : '一位用户';
  const nick = (u?.nickname ?? '').trim();
  const safe = nick && !INVISIBLE_CHARS.test(nick) && !imitatesStaff(nick);
  return safe ? `${tail}「${Array.from(nick).slice(0, 12).join('')}」` : tail;
}

/**
 * Serialises one requester's link attempts (their own user row) and enforces a per-hour limit on
 * one kind; records the attempt when `record` is set. Many requests at once queue on the row lock,
 * so exactly the limit gets through.
 */
export async function takeAttempt(tx: Tx, o: { familyId: number; kind: 'request' | 'bad_code'; limit: number; now: Date; record: boolean }): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, o.familyId)).for('update');
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(familyLinkAttempts)
    .where(and(eq(familyLinkAttempts.familyId, o.familyId), eq(familyLinkAttempts.kind, o.kind), gt(familyLinkAttempts.at, new Date(o.now.getTime() - HOUR_MS))))
    .for('update');
  if (Number(n) >= o.limit) {
    throw appError(429, 'rate_limited', o.kind === 'request' ? '关联申请太频繁，请一小时后再试' : '确认码错误次数太多，请一小时后再试', { retryAfterSeconds: 3600 });
  }
  if (o.record) await tx.insert(familyLinkAttempts).values({ familyId: o.familyId, kind: o.kind, at: o.now });
}

/** Records a wrong code against the requester (the caller commits it, then answers 422). */
export async function recordBadCode(tx: Tx, familyId: number, now: Date): Promise<void> {
  await tx.insert(familyLinkAttempts).values({ familyId, kind: 'bad_code', at: now });
}

/**
 * A family member asks to act for a senior. The answer never says whether the phone belongs to
 * anyone: the caller gets the same reply either way (the limit counts every attempt). For a
 * registered senior the pending link is created (or kept) and the senior is told once per pending
 * request — a repeat while it is pending sends nothing. Nothing is granted, and nothing about the
 * senior is shown, until the senior's own device shows a code that the family member enters.
 */
export async function requestLink(tx: Tx, o: { familyId: number; seniorId: number | null; relation: FamilyRelation; now: Date }): Promise<void> {
  if (o.familyId === o.seniorId) throw validationFailed({ seniorPhone: '不能关联自己' });
  await takeAttempt(tx, { familyId: o.familyId, kind: 'request', limit: LINK_REQUESTS_PER_HOUR, now: o.now, record: true });
  if (o.seniorId === null) return;
  // Claim the pair's row first (a no-op when it exists) so two quick requests cannot both insert.
  await tx
    .insert(familyLinks)
    .values({ seniorId: o.seniorId, familyId: o.familyId, relation: o.relation, status: 'declined', requestedAt: new Date(0) })
    .onDuplicateKeyUpdate({ set: { seniorId: sql`senior_id` } });
  const [existing] = await tx
    .select()
    .from(familyLinks)
    .where(and(eq(familyLinks.seniorId, o.seniorId), eq(familyLinks.familyId, o.familyId)))
    .for('update');
  // Already linked or already waiting: say nothing new to the senior (one notice per request).
  if (existing.status === 'active' || existing.status === 'pending') return;
  await tx
    .update(familyLinks)
    .set({ status: 'pending', relation: o.relation, requestedAt: o.now, confirmedAt: null, endedAt: null, endedBy: null })
    .where(eq(familyLinks.id, existing.id));
  await notify(tx, o.seniorId, {
    kind: 'family_link',
    title: `${await requesterLabel(tx, o.familyId)}自称是您的${o.relation}，申请成为您的亲情代办家人`,
    body: '只有当面或电话确认是您信任的家人时才同意：打开「亲情代办」，点「同意并显示确认码」，再把 6 位确认码亲口告诉TA。社区、街道和平台的工作人员绝不会向您索要确认码；陌生人来要，请不要给，也可以直接拒绝。',
    link: FAMILY_PAGE,
  });
}

/**
 * Links at once with a code the senior's device showed, given the senior's phone. A wrong code,
 * an expired one or a phone that belongs to no one are the same 'bad_code' (counted against the
 * requester). The pending link, if any, is reused; otherwise the link is created active.
 */
export async function linkWithCode(
  tx: Tx,
  o: { familyId: number; seniorId: number | null; relation: FamilyRelation; code: string; now: Date; secret: string },
): Promise<FamilyLink | 'bad_code'> {
  if (o.familyId === o.seniorId) throw validationFailed({ seniorPhone: '不能关联自己' });
  await takeAttempt(tx, { familyId: o.familyId, kind: 'bad_code', limit: BAD_CODES_PER_HOUR, now: o.now, record: false });
  if (o.seniorId === null) return 'bad_code';
  const [existing] = await tx
    .select()
    .from(familyLinks)
    .where(and(eq(familyLinks.seniorId, o.seniorId), eq(familyLinks.familyId, o.familyId)))
    .for('update');
  if (existing?.status === 'active') throw conflict('already_linked', '您已经是这位长辈的亲情代办家人');
  const ok = await spendCode(tx, { seniorId: o.seniorId, linkId: existing?.id ?? null, code: o.code, usedBy: o.familyId, now: o.now, secret: o.secret });
  if (!ok) return 'bad_code';
  let linkId = existing?.id;
  if (existing) {
    await tx.update(familyLinks).set({ status: 'active', relation: o.relation, confirmedAt: o.now, endedAt: null, endedBy: null }).where(eq(familyLinks.id, existing.id));
  } else {
    [{ id: linkId }] = await tx
      .insert(familyLinks)
      .values({ seniorId: o.seniorId, familyId: o.familyId, relation: o.relation, status: 'active', requestedAt: o.now, confirmedAt: o.now })
      .$returningId();
  }
  await tx.update(familyLinkCodes).set({ linkId }).where(and(eq(familyLinkCodes.seniorId, o.seniorId), eq(familyLinkCodes.usedBy, o.familyId), eq(familyLinkCodes.usedAt, o.now)));
  return announceLinked(tx, linkId!);
}

async function announceLinked(tx: Tx, linkId: number): Promise<FamilyLink> {
  const [link] = await tx.select().from(familyLinks).where(eq(familyLinks.id, linkId));
  await notify(tx, [link.seniorId, link.familyId], {
    kind: 'family_link',
    title: `亲情代办已关联：${await requesterLabel(tx, link.familyId)}（${link.relation}）`,
    body: 'TA 可以为您申请养老服务、预约活动、查看积分；每一次代办您都能在「亲情代办」里看到，随时可以解除。如果这不是您本人同意的，请立即在「亲情代办」里解除。',
    link: FAMILY_PAGE,
  });
  return link;
}

/**
 * The family member enters the code the senior's device showed for their pending request.
 * Returns 'bad_code' (recorded against the requester by the caller) when it does not match a
 * live code; a wrong guess never voids the senior's codes.
 */
export async function confirmLink(tx: Tx, o: { linkId: number; familyId: number; code: string; now: Date; secret: string }): Promise<FamilyLink | 'bad_code'> {
  await takeAttempt(tx, { familyId: o.familyId, kind: 'bad_code', limit: BAD_CODES_PER_HOUR, now: o.now, record: false });
  const [link] = await tx
    .select()
    .from(familyLinks)
    .where(and(eq(familyLinks.id, o.linkId), eq(familyLinks.familyId, o.familyId)))
    .for('update');
  if (!link) throw notFound('关联申请不存在');
  if (link.status === 'active') throw conflict('already_linked', '您已经是这位长辈的亲情代办家人');
  if (link.status !== 'pending') throw conflict('link_not_pending', '该申请已结束，请重新申请');
  const ok = await spendCode(tx, { seniorId: link.seniorId, linkId: link.id, code: o.code, usedBy: o.familyId, now: o.now, secret: o.secret });
  if (!ok) return 'bad_code';
  await tx.update(familyLinks).set({ status: 'active', confirmedAt: o.now }).where(eq(familyLinks.id, link.id));
  return announceLinked(tx, link.id);
}

/** Either side ends a link (the senior may at any time); a pending one the senior ends is declined. */
export async function endLink(tx: Tx, o: { linkId: number; actorId: number; now: Date }): Promise<FamilyLink> {
  const [link] = await tx.select().from(familyLinks).where(eq(familyLinks.id, o.linkId)).for('update');
  if (!link || (link.seniorId !== o.actorId && link.familyId !== o.actorId)) throw notFound('关联不存在');
  if (link.status !== 'active' && link.status !== 'pending') throw conflict('link_not_active', '该关联已经解除');
  const status = link.status === 'pending' && o.actorId === link.seniorId ? 'declined' : 'revoked';
  await tx.update(familyLinks).set({ status, endedAt: o.now, endedBy: o.actorId }).where(eq(familyLinks.id, link.id));
  // A declined request tells the requester nothing (not even that the phone is registered).
  if (status === 'revoked') {
    const other = o.actorId === link.seniorId ? link.familyId : link.seniorId;
    await notify(tx, other, { kind: 'family_link', title: `亲情代办已解除（${await requesterLabel(tx, o.actorId)}）`, link: FAMILY_PAGE });
  }
  const [after] = await tx.select().from(familyLinks).where(eq(familyLinks.id, link.id));
  return after;
}
