/**
 * 个人信息副本 (PIPL art. 45): everything the platform holds about the caller, as JSON or a
 * workbook with one sheet per section. Only the caller's own rows; other people appear as a
 * masked nickname (张*), never with an id, phone or address.
 */
import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  activities,
  auditLogs,
  bookings,
  careRequests,
  complexes,
  consentEvents,
  evaluations,
  familyLinks,
  opinionCosigns,
  opinions,
  pointsAccounts,
  pointsEntries,
  privacyConsents,
  projectRatings,
  projects,
  redemptions,
  rewards,
  slotBookings,
  spaces,
  users,
  volunteerComplexes,
  volunteerPosts,
  volunteerSignups,
  volunteers,
} from '../../db/schema';
import { decryptPhone } from '../auth/phone';
import { residencyOf } from '../residency/status';
import { maskName } from '../opinions/access';

type Cell = string | number | boolean | null;
type Row = Record<string, Cell>;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const EXPORT_SECTIONS: Record<string, string> = {
  profile: '基本资料',
  bookings: '活动预约',
  slotBookings: '场地预约',
  volunteer: '志愿者注册',
  volunteerSignups: '志愿服务',
  points: '积分明细',
  redemptions: '积分兑换',
  opinions: '我的意见',
  cosigns: '我附议的意见',
  ratings: '我的评价',
  careRequests: '养老服务申请',
  familyLinks: '亲情代办关系',
  proxyActions: '代办记录',
  consents: '授权记录',
};

export async function collectMyData(db: DbOrTx, userId: number, piiKey: string, now: Date) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  const [acct] = await db.select({ balance: pointsAccounts.balance }).from(pointsAccounts).where(eq(pointsAccounts.userId, userId));
  const [home] = u.homeComplexId ? await db.select({ name: complexes.name }).from(complexes).where(eq(complexes.id, u.homeComplexId)) : [];
  const residency = await residencyOf(db, userId);
  const nameOf = async (ids: number[]) => {
    const uniq = [...new Set(ids.filter((x) => x && x !== userId))];
    const rows = uniq.length ? await db.select({ id: users.id, nickname: users.nickname }).from(users).where(inArray(users.id, uniq)) : [];
    const m = new Map(rows.map((r) => [r.id, maskName(r.nickname)]));
    return (id: number | null) => (id === null ? null : id === userId ? '本人' : (m.get(id) ?? '*'));
  };

  const profile: Row[] = [
    {
      id: u.id,
      role: u.role,
      nickname: u.nickname,
      realName: u.realName,
      phone: u.phoneEnc ? decryptPhone(u.phoneEnc, piiKey) : null,
      wechatBound: u.openid !== null,
      birthDate: u.birthDate,
      address: u.address,
      homeComplex: home?.name ?? null,
      residencyStatus: residency.status,
      residencyVerifiedAt: iso(residency.verifiedAt),
      elderMode: u.elderMode,
      pointsBalance: acct?.balance ?? 0,
      createdAt: iso(u.createdAt),
      exportedAt: now.toISOString(),
    },
  ];

  const bk = await db
    .select({ b: bookings, title: activities.title, startAt: activities.startAt, complex: complexes.name })
    .from(bookings)
    .innerJoin(activities, eq(activities.id, bookings.activityId))
    .innerJoin(complexes, eq(complexes.id, activities.complexId))
    .where(eq(bookings.userId, userId))
    .orderBy(asc(bookings.id));
  const bookedByName = await nameOf(bk.map((r) => r.b.bookedBy ?? 0));
  const sb = await db
    .select({ b: slotBookings, space: spaces.name })
    .from(slotBookings)
    .innerJoin(spaces, eq(spaces.id, slotBookings.spaceId))
    .where(eq(slotBookings.userId, userId))
    .orderBy(asc(slotBookings.id));

  const [vol] = await db.select().from(volunteers).where(eq(volunteers.userId, userId));
  const volComplexes = vol
    ? await db.select({ v: volunteerComplexes, complex: complexes.name }).from(volunteerComplexes).innerJoin(complexes, eq(complexes.id, volunteerComplexes.complexId)).where(eq(volunteerComplexes.volunteerId, vol.id))
    : [];
  const signups = await db
    .select({ s: volunteerSignups, title: volunteerPosts.title, startAt: volunteerPosts.startAt })
    .from(volunteerSignups)
    .innerJoin(volunteerPosts, eq(volunteerPosts.id, volunteerSignups.postId))
    .where(eq(volunteerSignups.userId, userId))
    .orderBy(asc(volunteerSignups.id));

  const entries = await db.select().from(pointsEntries).where(eq(pointsEntries.userId, userId)).orderBy(asc(pointsEntries.id));
  const reds = await db
    .select({ r: redemptions, reward: rewards.name })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .where(eq(redemptions.userId, userId))
    .orderBy(asc(redemptions.id));

  const ops = await db.select({ o: opinions, complex: complexes.name }).from(opinions).innerJoin(complexes, eq(complexes.id, opinions.complexId)).where(eq(opinions.userId, userId)).orderBy(asc(opinions.id));
  const cos = await db
    .select({ opinionId: opinionCosigns.opinionId, title: opinions.title, at: opinionCosigns.createdAt })
    .from(opinionCosigns)
    .innerJoin(opinions, eq(opinions.id, opinionCosigns.opinionId))
    .where(eq(opinionCosigns.userId, userId))
    .orderBy(asc(opinionCosigns.createdAt));
  const evals = await db.select().from(evaluations).where(eq(evaluations.userId, userId)).orderBy(asc(evaluations.id));
  const pr = await db
    .select({ r: projectRatings, title: projects.title })
    .from(projectRatings)
    .innerJoin(projects, eq(projects.id, projectRatings.projectId))
    .where(eq(projectRatings.userId, userId))
    .orderBy(asc(projectRatings.id));

  const care = await db.select().from(careRequests).where(eq(careRequests.seniorId, userId)).orderBy(asc(careRequests.id));
  const links = await db
    .select()
    .from(familyLinks)
    .where(or(eq(familyLinks.seniorId, userId), eq(familyLinks.familyId, userId)))
    .orderBy(asc(familyLinks.id));
  const proxy = await db
    .select()
    .from(auditLogs)
    .where(and(isNotNull(auditLogs.onBehalfOf), or(eq(auditLogs.onBehalfOf, userId), eq(auditLogs.actorId, userId))))
    .orderBy(asc(auditLogs.id))
    .limit(5000);
  const who = await nameOf([...care.flatMap((c) => [c.requestedBy, c.assigneeId ?? 0]), ...links.flatMap((l) => [l.seniorId, l.familyId]), ...proxy.flatMap((p) => [p.actorId ?? 0, p.onBehalfOf ?? 0])]);
  const privacy = await db.select().from(privacyConsents).where(eq(privacyConsents.userId, userId)).orderBy(asc(privacyConsents.id));
  const consents = await db.select().from(consentEvents).where(eq(consentEvents.userId, userId)).orderBy(asc(consentEvents.id));

  const data: Record<keyof typeof EXPORT_SECTIONS, Row[]> = {
    profile,
    bookings: bk.map((r) => ({ id: r.b.id, activity: r.title, complex: r.complex, startAt: iso(r.startAt), status: r.b.status, bookedBy: r.b.bookedBy ? bookedByName(r.b.bookedBy) : '本人', checkedInAt: iso(r.b.checkedInAt), cancelledAt: iso(r.b.cancelledAt), createdAt: iso(r.b.createdAt) })),
    slotBookings: sb.map((r) => ({ id: r.b.id, space: r.space, startsAt: iso(r.b.startsAt), endsAt: iso(r.b.endsAt), status: r.b.status, checkedInAt: iso(r.b.checkedInAt), createdAt: iso(r.b.createdAt) })),
    volunteer: vol
      ? volComplexes.length
        ? volComplexes.map((c) => ({ realName: vol.realName, skills: vol.skills.join('、'), agreementVersion: vol.agreementVersion, agreedAt: iso(vol.agreedAt), complex: c.complex, status: c.v.status }))
        : [{ realName: vol.realName, skills: vol.skills.join('、'), agreementVersion: vol.agreementVersion, agreedAt: iso(vol.agreedAt), complex: null, status: null }]
      : [],
    volunteerSignups: signups.map((r) => ({ id: r.s.id, post: r.title, startAt: iso(r.startAt), status: r.s.status, approvedMinutes: r.s.approvedMinutes, pointsAwarded: r.s.pointsAwarded })),
    points: entries.map((e) => ({ id: e.id, delta: e.delta, reason: e.reason, description: e.description, balanceAfter: e.balanceAfter, createdAt: iso(e.createdAt) })),
    redemptions: reds.map((r) => ({ id: r.r.id, reward: r.reward, pointsCost: r.r.pointsCost, status: r.r.status, createdAt: iso(r.r.createdAt), fulfilledAt: iso(r.r.fulfilledAt) })),
    opinions: ops.map((r) => ({ id: r.o.id, complex: r.complex, category: r.o.category, title: r.o.title, content: r.o.content, visibility: r.o.visibility, status: r.o.status, reply: r.o.reply, rating: r.o.rating, ratingComment: r.o.ratingComment, photoCount: r.o.photoCount, createdAt: iso(r.o.createdAt) })),
    cosigns: cos.map((c) => ({ opinionId: c.opinionId, title: c.title, at: iso(c.at) })),
    ratings: [
      ...evals.map((e) => ({ kind: `evaluation:${e.targetType}`, targetId: e.targetId, stars: e.stars, comment: e.comment, createdAt: iso(e.createdAt) })),
      ...pr.map((r) => ({ kind: 'project', targetId: r.r.projectId, stars: r.r.stars, comment: r.r.comment, createdAt: iso(r.r.createdAt) })),
      ...care.filter((c) => c.rating !== null).map((c) => ({ kind: 'care', targetId: c.id, stars: c.rating, comment: c.ratingComment, createdAt: iso(c.ratedAt) })),
    ],
    careRequests: care.map((c) => ({ id: c.id, kind: c.kind, status: c.status, note: c.note, address: c.address, requestedBy: who(c.requestedBy), assignee: who(c.assigneeId), createdAt: iso(c.createdAt), completedAt: iso(c.completedAt), cancelledAt: iso(c.cancelledAt) })),
    familyLinks: links.map((l) => ({ id: l.id, myRole: l.seniorId === userId ? '长辈' : '家人', other: who(l.seniorId === userId ? l.familyId : l.seniorId), relation: l.relation, status: l.status, confirmedAt: iso(l.confirmedAt), endedAt: iso(l.endedAt) })),
    proxyActions: proxy.map((p) => ({
      at: iso(p.createdAt),
      direction: p.onBehalfOf === userId ? '家人为我代办' : '我为长辈代办',
      who: who(p.onBehalfOf === userId ? p.actorId : p.onBehalfOf),
      action: p.action,
      summary: typeof p.detail?.summary === 'string' ? p.detail.summary : '',
    })),
    consents: [
      ...privacy.map((p) => ({ kind: 'privacy', granted: true, version: p.version, at: iso(p.acceptedAt) })),
      ...consents.filter((c) => c.kind !== 'privacy').map((c) => ({ kind: c.kind, granted: c.granted, version: c.version, at: iso(c.at) })),
    ],
  };
  return data;
}

export type MyData = Awaited<ReturnType<typeof collectMyData>>;

/** One sheet per section; the header row is the field names. */
export async function myDataWorkbook(data: MyData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '幸福荟';
  for (const [key, label] of Object.entries(EXPORT_SECTIONS)) {
    const rows = data[key] ?? [];
    const ws = wb.addWorksheet(label);
    const cols = rows.length ? Object.keys(rows[0]) : ['（无记录）'];
    ws.addRow(cols);
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? ''));
    ws.columns.forEach((c) => (c.width = 18));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
