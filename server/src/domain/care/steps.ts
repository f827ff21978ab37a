import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { careEvents, careRequests, staffComplexes, users, volunteerComplexes, volunteers } from '../../db/schema';
import { conflict, forbidden, notFound, validationFailed } from '../../errors';
import type { AuthUser } from '../access/actor';
import { CARE_KIND_LABELS, CARE_STATUS_LABELS, type CareStatus } from '../../../../shared/constants';
import { canManageComplex } from '../access/scope';
import { audit } from '../audit/log';
import { canActFor, linkedFamilyIds } from '../family/access';
import { notify } from '../notifications/notify';
import { CARE_STEPS, SENIOR_CANCELLABLE, canStep, type CareStep } from './lifecycle';
import { careLink, type CareRow } from './present';

/** How the caller relates to a request; null means it does not exist for them (404). */
export type CareRelation = { staff: boolean; assignee: boolean; seniorSide: boolean };

export async function relationTo(tx: DbOrTx, user: AuthUser, row: CareRow): Promise<CareRelation | null> {
  const staff = await canManageComplex(tx, user, row.complexId);
  const assignee = row.assigneeId === user.id;
  const seniorSide = await canActFor(tx, user.id, row.seniorId);
  return staff || assignee || seniorSide ? { staff, assignee, seniorSide } : null;
}

/** Loads a request the caller may see, locked for the rest of the transaction; 404 otherwise. */
export async function loadForUpdate(tx: Tx, user: AuthUser, id: number) {
  const [row] = await tx.select().from(careRequests).where(eq(careRequests.id, id)).for('update');
  const rel = row ? await relationTo(tx, user, row) : null;
  if (!row || !rel) throw notFound('养老服务申请不存在');
  return { row, rel };
}

export interface StepInput {
  requestId: number;
  step: CareStep;
  user: AuthUser;
  assigneeId?: number;
  reason?: string;
  note?: string;
  now: Date;
  requestFacts: { ip: string | null; requestId: string | null };
}

/**
 * Who may receive a care job (it carries an elder's address and circumstances): staff who run
 * this complex (its workers, its street's admin, district admins), or a volunteer whose
 * registration at this complex was approved. Never the senior, a stranger or a volunteer of
 * another complex.
 */
async function assertAssignable(tx: Tx, row: CareRow, assigneeId: number) {
  const [u] = await tx.select({ id: users.id, role: users.role, disabled: users.disabled }).from(users).where(eq(users.id, assigneeId));
  if (!u || u.disabled) throw validationFailed({ assigneeId: '找不到这位工作人员或志愿者' });
  if (u.id === row.seniorId) throw validationFailed({ assigneeId: '不能派给申请人本人' });
  if (u.role === 'resident') {
    const [v] = await tx
      .select({ id: volunteerComplexes.id })
      .from(volunteerComplexes)
      .innerJoin(volunteers, eq(volunteers.id, volunteerComplexes.volunteerId))
      .where(and(eq(volunteers.userId, u.id), eq(volunteerComplexes.complexId, row.complexId), eq(volunteerComplexes.status, 'approved')));
    if (!v) throw validationFailed({ assigneeId: '只能派给本综合体审核通过的志愿者或工作人员' });
    return;
  }
  if (u.role === 'worker') {
    const [s] = await tx
      .select({ id: staffComplexes.userId })
      .from(staffComplexes)
      .where(and(eq(staffComplexes.userId, u.id), eq(staffComplexes.complexId, row.complexId)));
    if (!s) throw validationFailed({ assigneeId: '该工作人员不属于这个民生综合体' });
    return;
  }
  throw validationFailed({ assigneeId: '只能派给本综合体的工作人员或审核通过的志愿者' });
}

/**
 * Moves a care request one step along its lifecycle. The row is locked, the caller's right to the
 * step checked (staff of the complex; the assignee may start and complete; the senior's side may
 * cancel before the service starts), then the status, timeline, audit log and notices change
 * together. An illegal move is 409 invalid_transition.
 */
export async function applyStep(tx: Tx, o: StepInput): Promise<CareRow> {
  const { row, rel } = await loadForUpdate(tx, o.user, o.requestId);
  const allowed =
    o.step === 'accept' || o.step === 'assign'
      ? rel.staff
      : o.step === 'start' || o.step === 'complete'
        ? rel.staff || rel.assignee
        : rel.staff || rel.seniorSide;
  if (!allowed) throw forbidden('您不能执行这一步');
  const to: CareStatus = CARE_STEPS[o.step].to;
  const legal = canStep(o.step, row.status) && (o.step !== 'cancel' || rel.staff || SENIOR_CANCELLABLE.includes(row.status));
  if (!legal) {
    throw conflict('invalid_transition', `当前状态「${CARE_STATUS_LABELS[row.status]}」不能${o.step === 'cancel' ? '取消' : `变为「${CARE_STATUS_LABELS[to]}」`}`, {
      from: row.status,
      to,
    });
  }
  if (o.step === 'assign') await assertAssignable(tx, row, o.assigneeId!);

  const set: Partial<typeof careRequests.$inferInsert> = { status: to, updatedAt: o.now };
  if (o.step === 'accept') Object.assign(set, { acceptedAt: o.now, acceptedBy: o.user.id });
  if (o.step === 'assign') Object.assign(set, { assigneeId: o.assigneeId, dispatchedAt: o.now });
  if (o.step === 'start') set.startedAt = o.now;
  if (o.step === 'complete') set.completedAt = o.now;
  if (o.step === 'cancel') Object.assign(set, { cancelledAt: o.now, cancelledBy: o.user.id, cancelReason: o.reason });
  await tx.update(careRequests).set(set).where(eq(careRequests.id, row.id));

  // the senior's side acting is a proxy action when it is not the senior
  const onBehalfOf = !rel.staff && !rel.assignee && o.user.id !== row.seniorId ? row.seniorId : null;
  const note = o.reason ?? o.note ?? '';
  await tx.insert(careEvents).values({ requestId: row.id, status: to, actorId: o.user.id, onBehalfOf, note, createdAt: o.now });
  if (rel.staff || onBehalfOf) {
    await audit(tx, {
      actorId: o.user.id,
      onBehalfOf,
      action: `care.${o.step}`,
      targetType: 'care_request',
      targetId: row.id,
      detail: { from: row.status, to, ...(o.assigneeId ? { assigneeId: o.assigneeId } : {}), ...(note ? { note } : {}), summary: `${CARE_KIND_LABELS[row.kind]}：${CARE_STATUS_LABELS[to]}` },
      ...o.requestFacts,
    });
  }

  const family = await linkedFamilyIds(tx, row.seniorId);
  const label = CARE_KIND_LABELS[row.kind];
  await notify(tx, [row.seniorId, ...family].filter((id) => id !== o.user.id), {
    kind: 'care',
    title: `${label}：${CARE_STATUS_LABELS[to]}`,
    body: o.step === 'cancel' ? `取消原因：${o.reason}` : o.step === 'assign' ? '服务人员已出发前往，请留意来电。' : '',
    link: careLink(row.id),
  });
  if (o.step === 'assign' && o.assigneeId !== o.user.id) {
    // the address is shown in the job itself, to the assignee while the job is open — not copied into a message
    await notify(tx, o.assigneeId!, { kind: 'care_task', title: `新的上门服务：${label}`, body: '请打开任务查看服务地址和要求', link: careLink(row.id) });
  }
  const [after] = await tx.select().from(careRequests).where(eq(careRequests.id, row.id));
  return after;
}
