/**
 * Who looked (PII access log, 等保 2.0). A route that shows staff someone's full phone number,
 * address, real name or care note declares `pii` on its spec (http/route.ts); the mount calls
 * recordPiiAccess with the people the response showed. The list of such routes is the set of
 * specs with `pii` (a test walks every one of them).
 */
import ExcelJS from 'exceljs';
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { complexes, piiAccessLog } from '../../db/schema';
import type { AuthUser } from '../access/actor';
import { RETENTION } from './retention';

export const PII_FIELDS = ['phone', 'address', 'realName', 'careNote'] as const;
export type PiiField = (typeof PII_FIELDS)[number];

export const PII_FIELD_LABELS: Record<PiiField, string> = { phone: '完整手机号', address: '住址', realName: '真实姓名', careNote: '养老服务备注' };

export const PII_PURPOSES = {
  care_dispatch: '养老服务派单与回访',
  care_visit: '上门服务',
  activity_roster: '活动报名名单',
  roster_export: '导出名单',
  offering_roster: '送服务预约名单',
  volunteer_review: '志愿者注册审核',
  volunteer_roster: '志愿岗位名单',
  help_request: '邻里互助求助处理',
} as const;
export type PiiPurpose = keyof typeof PII_PURPOSES;

export const VIEWER_ROLE_LABELS: Record<string, string> = {
  worker: '社区工作人员',
  street_admin: '镇街管理员',
  branch_admin: '党支部管理员',
  district_admin: '区级管理员',
  volunteer: '志愿者',
  resident: '居民',
};

/** One person a response showed, the complex it was about, and (optionally) the role the viewer acted in. */
export interface PiiSubject {
  userId: number;
  complexId?: number | null;
  asRole?: string;
  /** what this person's entry showed when it is less than the route's fields */
  fields?: readonly PiiField[];
}

/** Writes one entry per person shown (never the viewer themselves). */
export async function recordPiiAccess(
  db: DbOrTx,
  e: { viewer: AuthUser; subjects: PiiSubject[]; fields: readonly PiiField[]; purpose: PiiPurpose; endpoint: string; requestId: string | null; at: Date },
): Promise<number> {
  const seen = new Set<string>();
  const rows = [];
  for (const s of e.subjects) {
    if (s.userId === e.viewer.id) continue;
    const key = `${s.userId}:${s.complexId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      staffId: e.viewer.id,
      staffRole: s.asRole ?? e.viewer.role,
      subjectId: s.userId,
      complexId: s.complexId ?? null,
      fields: [...(s.fields ?? e.fields)],
      purpose: e.purpose,
      endpoint: e.endpoint,
      requestId: e.requestId,
      at: e.at,
    });
  }
  if (rows.length) await db.insert(piiAccessLog).values(rows);
  return rows.length;
}

/** 谁查看了我的信息: the role and complex of each viewer, never their name, for the last 180 days. */
export async function accessLogOf(db: DbOrTx, userId: number, now: Date) {
  const since = new Date(now.getTime() - RETENTION.accessLogShownDays * 86_400_000);
  const rows = await db
    .select({ at: piiAccessLog.at, staffRole: piiAccessLog.staffRole, complexName: complexes.name, fields: piiAccessLog.fields, purpose: piiAccessLog.purpose })
    .from(piiAccessLog)
    .leftJoin(complexes, eq(complexes.id, piiAccessLog.complexId))
    .where(and(eq(piiAccessLog.subjectId, userId), gte(piiAccessLog.at, since)))
    .orderBy(desc(piiAccessLog.at), desc(piiAccessLog.id))
    .limit(500);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    staffRole: r.staffRole,
    staffRoleLabel: VIEWER_ROLE_LABELS[r.staffRole] ?? r.staffRole,
    complexName: r.complexName ?? null,
    fields: r.fields,
    fieldLabels: r.fields.map((f) => PII_FIELD_LABELS[f as PiiField] ?? f),
    purpose: r.purpose,
    purposeLabel: PII_PURPOSES[r.purpose as PiiPurpose] ?? r.purpose,
  }));
}

/** The whole log between two instants, for a district admin's export (ids only, no names). */
export async function accessLogBetween(db: DbOrTx, from: Date, to: Date) {
  return db
    .select({ id: piiAccessLog.id, at: piiAccessLog.at, staffId: piiAccessLog.staffId, staffRole: piiAccessLog.staffRole, subjectId: piiAccessLog.subjectId, complexId: piiAccessLog.complexId, complexName: complexes.name, fields: piiAccessLog.fields, purpose: piiAccessLog.purpose, endpoint: piiAccessLog.endpoint, requestId: piiAccessLog.requestId })
    .from(piiAccessLog)
    .leftJoin(complexes, eq(complexes.id, piiAccessLog.complexId))
    .where(and(gte(piiAccessLog.at, from), lt(piiAccessLog.at, to)))
    .orderBy(piiAccessLog.id)
    .limit(100_000);
}

/** The district admin's export: one row per entry, ids rather than names. */
export async function accessLogWorkbook(rows: Awaited<ReturnType<typeof accessLogBetween>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('查阅记录');
  ws.addRow(['时间', '查阅人编号', '查阅人角色', '被查阅人编号', '综合体', '字段', '目的', '接口', '请求编号']);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      r.at.toISOString(),
      r.staffId,
      VIEWER_ROLE_LABELS[r.staffRole] ?? r.staffRole,
      r.subjectId,
      r.complexName ?? '',
      r.fields.map((f) => PII_FIELD_LABELS[f as PiiField] ?? f).join('、'),
      PII_PURPOSES[r.purpose as PiiPurpose] ?? r.purpose,
      r.endpoint,
      r.requestId ?? '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
