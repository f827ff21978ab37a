import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { careEvents, careRequests, complexes, users } from '../../db/schema';
import { conflict, notFound, validationFailed } from '../../errors';
import { CARE_KIND_LABELS, type CareKind } from '../../../../shared/constants';
import { audit } from '../audit/log';
import { assertCanActFor, linkedFamilyIds } from '../family/access';
import { notify } from '../notifications/notify';
import { OPEN_STATUSES } from './lifecycle';
import { careLink } from './present';

export interface CreateCareInput {
  actorId: number;
  seniorId: number;
  kind: CareKind;
  note: string;
  /** used only when the senior has no home complex saved */
  complexId?: number;
  /** used only when the senior has no address saved */
  address?: string;
  now: Date;
  requestFacts: { ip: string | null; requestId: string | null };
}

/**
 * One tap: a care request for the senior's saved address, phone and home complex. The senior's
 * row is locked first so two quick taps cannot open the same kind twice. An emergency gets
 * priority 1 and goes to the head of the complex's queue.
 */
export async function createCareRequest(tx: Tx, o: CreateCareInput) {
  await assertCanActFor(tx, o.actorId, o.seniorId);
  const [senior] = await tx.select().from(users).where(eq(users.id, o.seniorId)).for('update');
  if (!senior) throw notFound('用户不存在');
  const complexId = senior.homeComplexId ?? o.complexId;
  const address = senior.address?.trim() || o.address?.trim();
  const missing: Record<string, string> = {};
  if (!complexId) missing.complexId = '请先选择所属的民生综合体';
  if (!address) missing.address = '请先填写上门服务的地址';
  if (Object.keys(missing).length) throw validationFailed(missing, '还缺少服务地址信息');
  const [complex] = await tx.select({ id: complexes.id, name: complexes.name, hotline: complexes.hotline }).from(complexes).where(eq(complexes.id, complexId!));
  if (!complex) throw validationFailed({ complexId: '民生综合体不存在' });

  const [open] = await tx
    .select({ id: careRequests.id })
    .from(careRequests)
    .where(and(eq(careRequests.seniorId, o.seniorId), eq(careRequests.kind, o.kind), inArray(careRequests.status, [...OPEN_STATUSES])))
    .limit(1);
  if (open) throw conflict('care_request_open', `已有一个进行中的${CARE_KIND_LABELS[o.kind]}申请，工作人员正在处理`, { id: open.id });

  const [{ id }] = await tx
    .insert(careRequests)
    .values({
      seniorId: o.seniorId,
      requestedBy: o.actorId,
      complexId: complex.id,
      kind: o.kind,
      priority: o.kind === 'emergency' ? 1 : 0,
      status: 'submitted',
      note: o.note,
      address: address!,
      phoneEnc: senior.phoneEnc,
      phoneMasked: senior.phoneMasked,
      createdAt: o.now,
      updatedAt: o.now,
    })
    .$returningId();
  const proxy = o.actorId !== o.seniorId;
  await tx.insert(careEvents).values({ requestId: id, status: 'submitted', actorId: o.actorId, onBehalfOf: proxy ? o.seniorId : null, createdAt: o.now });
  if (proxy) {
    await audit(tx, {
      actorId: o.actorId,
      onBehalfOf: o.seniorId,
      action: 'care.request',
      targetType: 'care_request',
      targetId: id,
      detail: { kind: o.kind, summary: `代为申请${CARE_KIND_LABELS[o.kind]}` },
      ...o.requestFacts,
    });
  }
  const family = await linkedFamilyIds(tx, o.seniorId);
  await notify(tx, [o.seniorId, ...family], {
    kind: 'care',
    title: `${CARE_KIND_LABELS[o.kind]}申请已提交${proxy ? '（家人代办）' : ''}`,
    body: o.kind === 'emergency' ? `已通知${complex.name}，请保持电话畅通。` : `${complex.name}的工作人员会尽快受理。`,
    link: careLink(id),
  });
  return { id, complex };
}
