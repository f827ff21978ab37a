import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { preparedFor } from '../../db/prepared';
import { complexes, staffComplexes, volunteerComplexes, volunteers } from '../../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { VOLUNTEER_AGREEMENT_VERSION } from '../../../../shared/volunteer';
import { canManageComplex } from '../access/scope';
import { notify } from '../notifications/notify';
import { meContributors } from '../users/accounts';

export interface RegistrationInput {
  realName: string;
  skills: string[];
  complexIds: number[];
  agreementVersion: string;
}

/**
 * Registers (or updates) the caller as a volunteer. Complexes newly asked for, and those that
 * declined before, go (back) to pending; approvals already given stay. Workers of each pending
 * complex get a message.
 */
export async function register(tx: Tx, userId: number, input: RegistrationInput, now: Date) {
  if (input.agreementVersion !== VOLUNTEER_AGREEMENT_VERSION) {
    throw validationFailed({ agreementVersion: '请阅读并同意最新版志愿者服务协议' });
  }
  const found = await tx.select({ id: complexes.id }).from(complexes).where(inArray(complexes.id, input.complexIds));
  if (found.length !== new Set(input.complexIds).size) throw validationFailed({ complexIds: '所选综合体不存在' });

  await tx
    .insert(volunteers)
    .values({ userId, realName: input.realName, skills: input.skills, agreementVersion: input.agreementVersion, agreedAt: now })
    .onDuplicateKeyUpdate({ set: { realName: input.realName, skills: input.skills, agreementVersion: input.agreementVersion, agreedAt: now } });
  const [v] = await tx.select({ id: volunteers.id }).from(volunteers).where(eq(volunteers.userId, userId)).for('update');

  const current = await tx.select().from(volunteerComplexes).where(eq(volunteerComplexes.volunteerId, v.id));
  const byComplex = new Map(current.map((r) => [r.complexId, r]));
  const toNotify: number[] = [];
  for (const complexId of new Set(input.complexIds)) {
    const row = byComplex.get(complexId);
    if (!row) {
      await tx.insert(volunteerComplexes).values({ volunteerId: v.id, complexId });
      toNotify.push(complexId);
    } else if (row.status === 'declined') {
      await tx
        .update(volunteerComplexes)
        .set({ status: 'pending', decisionReason: null, decidedBy: null, decidedAt: null })
        .where(eq(volunteerComplexes.id, row.id));
      toNotify.push(complexId);
    }
  }
  if (toNotify.length) {
    const workers = await tx.select({ id: staffComplexes.userId }).from(staffComplexes).where(inArray(staffComplexes.complexId, toNotify));
    await notify(
      tx,
      workers.map((w) => w.id),
      { kind: 'volunteer_application', title: '新的志愿者注册待审核', body: `${input.realName} 申请成为志愿者`, link: '/packages/volunteer/pages/staff-applications/index' },
    );
  }
  return v.id;
}

/** A worker of the complex (or a district admin) approves or declines one application. */
export async function decide(tx: Tx, user: AuthUser, applicationId: number, approve: boolean, reason: string | undefined, now: Date) {
  const [app] = await tx
    .select({ row: volunteerComplexes, userId: volunteers.userId, complexName: complexes.name })
    .from(volunteerComplexes)
    .innerJoin(volunteers, eq(volunteers.id, volunteerComplexes.volunteerId))
    .innerJoin(complexes, eq(complexes.id, volunteerComplexes.complexId))
    .where(eq(volunteerComplexes.id, applicationId))
    .for('update');
  if (!app) throw notFound('找不到该志愿者申请');
  if (!(await canManageComplex(tx, user, app.row.complexId))) throw forbidden('您不是该民生综合体的工作人员');
  if (!approve && !reason) throw validationFailed({ reason: '不通过时请填写原因' });
  if (app.row.status !== 'pending') throw conflict('already_decided', '该申请已审核过');
  const status = approve ? 'approved' : 'declined';
  await tx
    .update(volunteerComplexes)
    .set({ status, decisionReason: reason ?? null, decidedBy: user.id, decidedAt: now })
    .where(eq(volunteerComplexes.id, applicationId));
  await notify(tx, app.userId, {
    kind: 'volunteer_application',
    title: approve ? `您已成为${app.complexName}的志愿者` : `志愿者申请未通过`,
    body: approve ? '现在可以报名志愿岗位了' : `原因：${reason}`,
    link: '/packages/volunteer/pages/register/index',
  });
  return { ...app.row, status, decisionReason: reason ?? null, decidedBy: user.id, decidedAt: now, userId: app.userId };
}

// GET /me asks it on every screen: built once (db/prepared.ts)
const approvedAnywhere = preparedFor((db) =>
  db
    .select({ id: volunteerComplexes.id })
    .from(volunteerComplexes)
    .innerJoin(volunteers, eq(volunteers.id, volunteerComplexes.volunteerId))
    .where(and(eq(volunteers.userId, sql.placeholder('userId')), eq(volunteerComplexes.status, 'approved')))
    .limit(1)
    .prepare(),
);

/** Whether the user is an approved volunteer of this complex (or of any complex when omitted). */
export async function isApprovedVolunteer(db: DbOrTx, userId: number, complexId?: number): Promise<boolean> {
  if (complexId === undefined) return (await approvedAnywhere(db).execute({ userId })).length > 0;
  const [row] = await db
    .select({ id: volunteerComplexes.id })
    .from(volunteerComplexes)
    .innerJoin(volunteers, eq(volunteers.id, volunteerComplexes.volunteerId))
    .where(and(eq(volunteers.userId, userId), eq(volunteerComplexes.status, 'approved'), eq(volunteerComplexes.complexId, complexId)))
    .limit(1);
  return !!row;
}

/** The caller's registration with the status at each complex, or null. */
export async function registrationOf(db: DbOrTx, userId: number) {
  const [v] = await db.select().from(volunteers).where(eq(volunteers.userId, userId)).limit(1);
  if (!v) return null;
  const rows = await db
    .select({ id: volunteerComplexes.id, complexId: volunteerComplexes.complexId, complexName: complexes.name, status: volunteerComplexes.status, reason: volunteerComplexes.decisionReason, decidedAt: volunteerComplexes.decidedAt })
    .from(volunteerComplexes)
    .innerJoin(complexes, eq(complexes.id, volunteerComplexes.complexId))
    .where(eq(volunteerComplexes.volunteerId, v.id))
    .orderBy(volunteerComplexes.id);
  return {
    realName: v.realName,
    skills: v.skills,
    agreementVersion: v.agreementVersion,
    agreedAt: v.agreedAt.toISOString(),
    complexes: rows.map((r) => ({ ...r, decidedAt: r.decidedAt?.toISOString() ?? null })),
  };
}

// GET /me says isVolunteer: true once any complex approved the registration.
meContributors.push(async (db, userId) => ({ isVolunteer: await isApprovedVolunteer(db, userId) }));
