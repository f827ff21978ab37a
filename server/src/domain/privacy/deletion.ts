/**
 * 注销账号 (account deletion, PIPL art. 47). A resident asks (POST /me/deletion); open obligations
 * block it (409 deletion_blocked with details.blockers). Otherwise it waits RETENTION.deletionCoolingOffDays
 * — cancelled by DELETE /me/deletion or by signing in again — and then the privacy job runs
 * executeDeletion: personal data is erased, records others rely on stay without the person.
 * What happens to each table is listed in docs/PRIVACY.md (and checked by privacy.test.ts).
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { withTx, type Db, type DbOrTx, type Tx } from '../../db/client';
import { preparedFor } from '../../db/prepared';
import {
  accountDeletions,
  activities,
  authSessions,
  bookingSuspensions,
  bookings,
  branchMembers,
  careEvents,
  careRequests,
  consentEvents,
  devices,
  familyLinkAttempts,
  familyLinkCodes,
  familyLinks,
  idempotencyKeys,
  notifications,
  opinionPhotos,
  opinions,
  opinionTerms,
  pointsAccounts,
  privacyConsents,
  projectFollowers,
  projectNotices,
  quietHomeWatches,
  redemptions,
  refreshTokens,
  residencies,
  rewards,
  slotBookings,
  staffComplexes,
  auditLogs,
  users,
  volunteerComplexes,
  volunteerPosts,
  volunteerSignups,
  volunteers,
  wechatSubscriptions,
  bookingReminders,
  helpRatings,
  helpRequests,
} from '../../db/schema';
import { conflict } from '../../errors';
import { OPEN_STATUSES } from '../care/lifecycle';
import { CARE_KIND_LABELS, DELETED_USER_NICKNAME } from '../../../../shared/constants';
import { adjust } from '../points/ledger';
import { RETENTION } from './retention';
import { meContributors } from '../users/accounts';

export const DELETED_NICKNAME = DELETED_USER_NICKNAME;
/** what a removed opinion's title and text become (the row stays for the case history) */
export const REMOVED_OPINION_TEXT = '（作者注销账号时删除了这条意见）';
const DAY_MS = 86_400_000;

export interface Blocker {
  kind: 'care_request' | 'redemption' | 'booking' | 'slot_booking' | 'volunteer_signup' | 'help_request';
  id: number;
  title: string;
  message: string;
  /** the mini-program page where it can be cancelled */
  link: string;
}

/** Open obligations that must end before the account can go: each with what to do about it. */
export async function deletionBlockers(db: DbOrTx, userId: number, now: Date): Promise<Blocker[]> {
  const out: Blocker[] = [];
  const care = await db
    .select({ id: careRequests.id, kind: careRequests.kind })
    .from(careRequests)
    .where(and(eq(careRequests.seniorId, userId), inArray(careRequests.status, [...OPEN_STATUSES])));
  for (const c of care)
    out.push({ kind: 'care_request', id: c.id, title: `${CARE_KIND_LABELS[c.kind]}服务申请`, message: '有进行中的养老服务申请，请等服务完成或先取消', link: `/packages/elder/pages/request/index?id=${c.id}` });
  const codes = await db
    .select({ id: redemptions.id, name: rewards.name })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .where(and(eq(redemptions.userId, userId), eq(redemptions.status, 'pending')));
  for (const r of codes) out.push({ kind: 'redemption', id: r.id, title: r.name, message: '有未使用的兑换码，请先核销或取消兑换（积分退回）', link: '/packages/points/pages/redemptions/index' });
  const booked = await db
    .select({ id: bookings.id, title: activities.title })
    .from(bookings)
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .where(and(eq(bookings.userId, userId), eq(bookings.activeFlag, 1), gt(bookings.endsAt, now)));
  for (const b of booked) out.push({ kind: 'booking', id: b.id, title: b.title, message: '有尚未开始的活动预约，请先取消预约', link: '/packages/booking/pages/mine/index' });
  const slots = await db
    .select({ id: slotBookings.id, day: slotBookings.day })
    .from(slotBookings)
    .where(and(eq(slotBookings.userId, userId), eq(slotBookings.activeFlag, 1), gt(slotBookings.endsAt, now)));
  for (const b of slots) out.push({ kind: 'slot_booking', id: b.id, title: `${b.day} 场地预约`, message: '有尚未使用的场地预约，请先取消预约', link: '/packages/booking/pages/mine/index' });
  const posts = await db
    .select({ id: volunteerSignups.id, title: volunteerPosts.title })
    .from(volunteerSignups)
    .innerJoin(volunteerPosts, eq(volunteerPosts.id, volunteerSignups.postId))
    .where(and(eq(volunteerSignups.userId, userId), inArray(volunteerSignups.status, ['signed_up', 'checked_in']), gt(volunteerPosts.endAt, now)));
  for (const p of posts) out.push({ kind: 'volunteer_signup', id: p.id, title: p.title, message: '已报名的志愿岗位尚未结束，请先取消报名', link: '/packages/volunteer/pages/mine/index' });
  const help = await db
    .select({ id: helpRequests.id, title: helpRequests.title })
    .from(helpRequests)
    .where(and(or(eq(helpRequests.requesterId, userId), eq(helpRequests.helperId, userId)), inArray(helpRequests.status, ['open', 'taken', 'matched', 'disputed'])));
  for (const h of help) out.push({ kind: 'help_request', id: h.id, title: h.title, message: '有进行中的邻里互助，请等它完成或先取消', link: `/packages/helping/pages/detail/index?id=${h.id}` });
  return out;
}

// GET /me asks it on every screen: built once (db/prepared.ts)
const pendingOf = preparedFor((db) =>
  db
    .select()
    .from(accountDeletions)
    .where(and(eq(accountDeletions.userId, sql.placeholder('userId')), eq(accountDeletions.status, 'pending')))
    .limit(1)
    .prepare(),
);

/** The account's pending deletion, or null. */
export async function pendingDeletion(db: DbOrTx, userId: number) {
  const [row] = await pendingOf(db).execute({ userId });
  return row ?? null;
}

/** Asks for deletion: refused with the blockers, or scheduled after the cooling-off (asking twice keeps the first date). */
export async function requestDeletion(tx: Tx, userId: number, opinionsChoice: 'anonymise' | 'remove', now: Date) {
  // serialise with sign-in's cancel and a second request of the same person
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
  const blockers = await deletionBlockers(tx, userId, now);
  if (blockers.length) {
    throw conflict('deletion_blocked', `还有 ${blockers.length} 项未完成的事项，处理后才能注销账号：${blockers.map((b) => b.title).join('、')}`, { blockers });
  }
  const cur = await pendingDeletion(tx, userId);
  if (cur) {
    if (cur.opinions !== opinionsChoice) await tx.update(accountDeletions).set({ opinions: opinionsChoice }).where(eq(accountDeletions.id, cur.id));
    return { ...cur, opinions: opinionsChoice };
  }
  const scheduledFor = new Date(now.getTime() + RETENTION.deletionCoolingOffDays * DAY_MS);
  const [{ id }] = await tx.insert(accountDeletions).values({ userId, opinions: opinionsChoice, requestedAt: now, scheduledFor }).$returningId();
  return { id, userId, status: 'pending' as const, opinions: opinionsChoice, requestedAt: now, scheduledFor };
}

/** Cancels a pending deletion (the resident changed their mind, or signed in again); true when there was one. */
export async function cancelDeletion(db: DbOrTx, userId: number, reason: 'user' | 'sign_in', now: Date): Promise<boolean> {
  const [res] = await db
    .update(accountDeletions)
    .set({ status: 'cancelled', cancelledAt: now, cancelReason: reason })
    .where(and(eq(accountDeletions.userId, userId), eq(accountDeletions.status, 'pending')));
  return (res as unknown as { affectedRows: number }).affectedRows > 0;
}

const affected = (res: unknown) => (res as { affectedRows: number }[])[0]?.affectedRows ?? 0;

/**
 * Erases one person. Runs in one transaction; the photo files are unlinked right after the commit
 * (their rows are already gone, so nothing can serve them). Returns what it did, as counts.
 */
export async function executeDeletion(db: Db, sessions: { forget: (id: number) => Promise<void> | void }, deletionId: number, now: Date, uploadDir: string) {
  const files: string[] = [];
  const revoked: number[] = [];
  const counts: Record<string, number> = {};
  const outcome = await withTx(db, async (tx) => {
    files.length = 0;
    revoked.length = 0;
    const [d] = await tx.select().from(accountDeletions).where(eq(accountDeletions.id, deletionId)).for('update');
    if (!d || d.status !== 'pending' || d.scheduledFor > now) return 'skipped' as const;
    const uid = d.userId;
    await tx.select({ id: users.id }).from(users).where(eq(users.id, uid)).for('update');
    if ((await deletionBlockers(tx, uid, now)).length) return 'blocked' as const;
    const count = (name: string, res: unknown) => (counts[name] = (counts[name] ?? 0) + affected(res));
    // the names others saw, read before anything is erased
    const [me] = await tx.select({ nickname: users.nickname, realName: users.realName }).from(users).where(eq(users.id, uid));
    const [vrow] = await tx.select({ n: volunteers.realName }).from(volunteers).where(eq(volunteers.userId, uid));
    const vname = vrow?.n ?? null;
    const names = [me.realName, vname, /^(微信用户|居民\d{4})$/.test(me.nickname) ? null : me.nickname].filter((x): x is string => !!x && [...x].length >= 2);

    // logins: every session revoked (the next request is 401), refresh tokens gone
    const sess = await tx.select({ id: authSessions.id }).from(authSessions).where(eq(authSessions.userId, uid));
    const sessIds = sess.map((s) => s.id);
    if (sessIds.length) {
      count('refresh_tokens', await tx.delete(refreshTokens).where(inArray(refreshTokens.sessionId, sessIds)));
      count('auth_sessions', await tx.update(authSessions).set({ revokedAt: sql`COALESCE(${authSessions.revokedAt}, ${now})`, revokeReason: 'account_deleted' }).where(inArray(authSessions.id, sessIds)));
      revoked.push(...sessIds);
    }

    // points: the balance is forfeited with a ledger entry of its own; the ledger stays
    const [acct] = await tx.select({ balance: pointsAccounts.balance }).from(pointsAccounts).where(eq(pointsAccounts.userId, uid));
    if (acct && acct.balance > 0) {
      await adjust(tx, { userId: uid, delta: -acct.balance, reason: 'account_deleted', source: `deletion:${d.id}`, description: '注销账号，积分清零', now });
      counts.points_forfeited = acct.balance;
    }

    // opinions: photos always go; public ones stay under 已注销用户, or are emptied at the resident's choice
    const mine = await tx.select({ id: opinions.id, visibility: opinions.visibility }).from(opinions).where(eq(opinions.userId, uid));
    const mineIds = mine.map((o) => o.id);
    if (mineIds.length) {
      const photos = await tx.select({ id: opinionPhotos.id, fileName: opinionPhotos.fileName }).from(opinionPhotos).where(inArray(opinionPhotos.opinionId, mineIds));
      files.push(...photos.map((p) => p.fileName));
      count('opinion_photos', await tx.delete(opinionPhotos).where(inArray(opinionPhotos.opinionId, mineIds)));
      await tx.update(opinions).set({ photoCount: 0 }).where(inArray(opinions.id, mineIds));
      // private opinions were never public: their text goes in either case
      const emptied = d.opinions === 'remove' ? mineIds : mine.filter((o) => o.visibility === 'private').map((o) => o.id);
      if (emptied.length) {
        count('opinions_removed', await tx.update(opinions).set({ title: REMOVED_OPINION_TEXT.slice(0, 50), content: REMOVED_OPINION_TEXT, ratingComment: null, visibility: 'private' }).where(inArray(opinions.id, emptied)));
        await tx.delete(opinionTerms).where(inArray(opinionTerms.opinionId, emptied));
      }
      counts.opinions_kept_anonymous = mineIds.length - emptied.length;
    }

    // care history stays for the complex's records, without where or who
    const careIds = (await tx.select({ id: careRequests.id }).from(careRequests).where(eq(careRequests.seniorId, uid))).map((r) => r.id);
    if (careIds.length) {
      count('care_requests', await tx.update(careRequests).set({ address: '（已注销）', phoneEnc: null, phoneMasked: null, note: '', ratingComment: null, cancelReason: null }).where(inArray(careRequests.id, careIds)));
      await tx.update(careEvents).set({ note: '' }).where(inArray(careEvents.requestId, careIds));
    }
    await tx.update(careRequests).set({ cancelReason: null }).where(eq(careRequests.cancelledBy, uid));

    // 邻里互助: the closed requests stay for the points history, without where, what or a comment
    count('help_requests', await tx.update(helpRequests).set({ address: '（已注销）', detail: '', roughPlace: '（已注销）', lat: sql`ROUND(${helpRequests.lat}, 2)`, lng: sql`ROUND(${helpRequests.lng}, 2)` }).where(eq(helpRequests.requesterId, uid)));
    await tx.update(helpRatings).set({ comment: '' }).where(or(eq(helpRatings.raterId, uid), eq(helpRatings.rateeId, uid)));
    count('booking_reminders', await tx.delete(bookingReminders).where(eq(bookingReminders.userId, uid)));

    // links to other people, devices and consents: gone
    count('family_link_codes', await tx.delete(familyLinkCodes).where(or(eq(familyLinkCodes.seniorId, uid), eq(familyLinkCodes.usedBy, uid))));
    const links = (await tx.select({ id: familyLinks.id }).from(familyLinks).where(or(eq(familyLinks.seniorId, uid), eq(familyLinks.familyId, uid)))).map((l) => l.id);
    if (links.length) {
      await tx.delete(familyLinkCodes).where(inArray(familyLinkCodes.linkId, links));
      count('family_links', await tx.delete(familyLinks).where(inArray(familyLinks.id, links)));
    }
    count('family_link_attempts', await tx.delete(familyLinkAttempts).where(eq(familyLinkAttempts.familyId, uid)));
    count('quiet_home_watches', await tx.delete(quietHomeWatches).where(eq(quietHomeWatches.seniorId, uid)));
    count('devices_unlinked', await tx.update(devices).set({ seniorId: null }).where(eq(devices.seniorId, uid)));
    count('wechat_subscriptions', await tx.delete(wechatSubscriptions).where(eq(wechatSubscriptions.userId, uid)));
    count('consent_events', await tx.delete(consentEvents).where(eq(consentEvents.userId, uid)));
    count('privacy_consents', await tx.delete(privacyConsents).where(eq(privacyConsents.userId, uid)));
    count('notifications', await tx.delete(notifications).where(eq(notifications.userId, uid)));
    count('idempotency_keys', await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.userId, uid)));
    count('project_followers', await tx.delete(projectFollowers).where(eq(projectFollowers.userId, uid)));
    count('project_notices', await tx.delete(projectNotices).where(eq(projectNotices.userId, uid)));
    count('residencies', await tx.delete(residencies).where(eq(residencies.userId, uid)));
    count('booking_suspensions', await tx.delete(bookingSuspensions).where(eq(bookingSuspensions.userId, uid)));
    count('staff_complexes', await tx.delete(staffComplexes).where(eq(staffComplexes.userId, uid)));
    count('branch_members', await tx.delete(branchMembers).where(eq(branchMembers.userId, uid)));
    const vol = await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.userId, uid));
    if (vol.length) {
      await tx.delete(volunteerComplexes).where(eq(volunteerComplexes.volunteerId, vol[0].id));
      count('volunteers', await tx.delete(volunteers).where(eq(volunteers.id, vol[0].id)));
    }
    // free text the person typed when cancelling a booking
    await tx.update(bookings).set({ cancelReason: null }).where(eq(bookings.userId, uid));
    await tx.update(slotBookings).set({ cancelReason: null }).where(eq(slotBookings.userId, uid));
    // the audit log stays (等保) under the empty account; the addresses it was written from go
    count('audit_logs_anonymised', await tx.update(auditLogs).set({ ip: null }).where(eq(auditLogs.actorId, uid)));

    // other people's message centres that named the person (a volunteer application, a family link)
    for (const n of new Set(names)) {
      count(
        'notifications_scrubbed',
        await tx
          .update(notifications)
          .set({ title: sql`REPLACE(${notifications.title}, ${n}, ${DELETED_NICKNAME})`, body: sql`REPLACE(${notifications.body}, ${n}, ${DELETED_NICKNAME})` })
          .where(or(sql`${notifications.title} LIKE ${`%${n}%`}`, sql`${notifications.body} LIKE ${`%${n}%`}`)),
      );
    }

    // the account row stays (ledger, ballots, bookings point at it), holding nothing personal;
    // without openid and phone hash, signing in with the same WeChat account makes a new account
    await tx
      .update(users)
      .set({
        role: 'resident',
        nickname: DELETED_NICKNAME,
        realName: null,
        openid: null,
        unionid: null,
        phoneHash: null,
        phoneEnc: null,
        phoneMasked: null,
        birthDate: null,
        address: null,
        homeComplexId: null,
        streetId: null,
        elderMode: false,
        elderModeOffered: false,
        disabled: true,
        deletedAt: now,
      })
      .where(eq(users.id, uid));
    await tx.update(accountDeletions).set({ status: 'executed', executedAt: now }).where(eq(accountDeletions.id, d.id));
    return 'executed' as const;
  });
  let filesRemoved = 0;
  if (outcome === 'executed') {
    // the session guard forgets the revoked logins, so the next request is refused at once
    for (const id of revoked) await sessions.forget(id);
    for (const f of files) {
      try {
        await unlink(path.join(path.resolve(uploadDir, 'opinions'), path.basename(f)));
        filesRemoved++;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
  return { outcome, counts: { ...counts, photo_files: filesRemoved } };
}

/** Runs every deletion whose cooling-off is over. Logs only counts. */
export async function executeDueDeletions(
  deps: { db: Db; sessions: { forget: (id: number) => Promise<void> | void }; config: { UPLOAD_DIR: string }; logger: { info: (o: object, m: string) => void } },
  now: Date,
) {
  const due = await deps.db
    .select({ id: accountDeletions.id })
    .from(accountDeletions)
    .where(and(eq(accountDeletions.status, 'pending'), lte(accountDeletions.scheduledFor, now)))
    .limit(200);
  const tally = { executed: 0, blocked: 0, skipped: 0 };
  for (const d of due) tally[(await executeDeletion(deps.db, deps.sessions, d.id, now, deps.config.UPLOAD_DIR)).outcome]++;
  if (due.length) deps.logger.info(tally, 'account deletions run');
  return tally;
}

// GET /me says when a pending deletion will run, so every screen can show the cooling-off notice
meContributors.push(async (db, userId) => {
  const d = await pendingDeletion(db, userId);
  return { deletionScheduledFor: d ? d.scheduledFor.toISOString() : null };
});
