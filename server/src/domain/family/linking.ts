import { and, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { familyLinks, users } from '../../db/schema';
import { conflict, notFound, rateLimited, validationFailed } from '../../errors';
import { notify } from '../notifications/notify';
import { spendCode } from './codes';

export type FamilyLink = typeof familyLinks.$inferSelect;

/** New link requests a family member may send per hour (each one messages a senior). */
export const LINK_REQUESTS_PER_HOUR = 5;

const FAMILY_PAGE = '/packages/elder/pages/family/index';

async function nicknameOf(tx: Tx, userId: number): Promise<string> {
  const [u] = await tx.select({ nickname: users.nickname }).from(users).where(eq(users.id, userId));
  return u?.nickname ?? '';
}

/**
 * A family member asks to act for a senior. Creates (or reopens) the pending link and tells the
 * senior, whose own device then shows the consent code. Nothing is granted yet.
 */
export async function requestLink(tx: Tx, o: { familyId: number; seniorId: number; relation: string; now: Date }): Promise<FamilyLink> {
  if (o.familyId === o.seniorId) throw validationFailed({ seniorPhone: '不能关联自己' });
  const [recent] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(familyLinks)
    .where(and(eq(familyLinks.familyId, o.familyId), gt(familyLinks.requestedAt, new Date(o.now.getTime() - 3600_000))));
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
  if (existing.status === 'active') throw conflict('already_linked', '您已经是这位长辈的亲情代办家人');
  if (existing.status !== 'pending' && Number(recent.n) >= LINK_REQUESTS_PER_HOUR) {
    throw rateLimited('关联申请太频繁，请一小时后再试');
  }
  await tx
    .update(familyLinks)
    .set({ status: 'pending', relation: o.relation, requestedAt: o.now, confirmedAt: null, endedAt: null, endedBy: null })
    .where(eq(familyLinks.id, existing.id));
  const [link] = await tx.select().from(familyLinks).where(and(eq(familyLinks.seniorId, o.seniorId), eq(familyLinks.familyId, o.familyId)));
  await notify(tx, o.seniorId, {
    kind: 'family_link',
    title: `${await nicknameOf(tx, o.familyId)}（${o.relation}）申请成为您的亲情代办家人`,
    body: '如您同意，请打开「亲情代办」，点「同意并显示确认码」，把 6 位确认码告诉TA。',
    link: FAMILY_PAGE,
  });
  return link;
}

/**
 * The family member enters the code the senior's device showed. Returns 'bad_code' (and counts
 * the failure, which the caller must commit) when it does not match a live code.
 */
export async function confirmLink(tx: Tx, o: { linkId: number; familyId: number; code: string; now: Date; secret: string }): Promise<FamilyLink | 'bad_code'> {
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
  await notify(tx, [link.seniorId, link.familyId], {
    kind: 'family_link',
    title: `亲情代办已关联：${await nicknameOf(tx, link.familyId)}（${link.relation}）`,
    body: 'TA 可以为您申请养老服务、预约活动、查看积分；每一次代办您都能在「亲情代办」里看到，随时可以解除。',
    link: FAMILY_PAGE,
  });
  const [after] = await tx.select().from(familyLinks).where(eq(familyLinks.id, link.id));
  return after;
}

/** Either side ends a link (the senior may at any time); a pending one the senior ends is declined. */
export async function endLink(tx: Tx, o: { linkId: number; actorId: number; now: Date }): Promise<FamilyLink> {
  const [link] = await tx.select().from(familyLinks).where(eq(familyLinks.id, o.linkId)).for('update');
  if (!link || (link.seniorId !== o.actorId && link.familyId !== o.actorId)) throw notFound('关联不存在');
  if (link.status !== 'active' && link.status !== 'pending') throw conflict('link_not_active', '该关联已经解除');
  const status = link.status === 'pending' && o.actorId === link.seniorId ? 'declined' : 'revoked';
  await tx.update(familyLinks).set({ status, endedAt: o.now, endedBy: o.actorId }).where(eq(familyLinks.id, link.id));
  const other = o.actorId === link.seniorId ? link.familyId : link.seniorId;
  await notify(tx, other, {
    kind: 'family_link',
    title: status === 'declined' ? '亲情代办申请未获同意' : `亲情代办已解除（${await nicknameOf(tx, o.actorId)}）`,
    link: FAMILY_PAGE,
  });
  const [after] = await tx.select().from(familyLinks).where(eq(familyLinks.id, link.id));
  return after;
}
