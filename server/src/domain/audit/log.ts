import type { DbOrTx } from '../../db/client';
import { auditLogs } from '../../db/schema';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
  onBehalfOf?: number | null;
  ip?: string | null;
  requestId?: string | null;
}

/** Appends to the audit log (never updated or deleted). Pass the transaction of the action it records. */
export async function audit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db.insert(auditLogs).values({
    actorId: e.actorId,
    onBehalfOf: e.onBehalfOf ?? null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId === undefined ? null : String(e.targetId),
    detail: e.detail ?? null,
    ip: e.ip ?? null,
    requestId: e.requestId ?? null,
  });
}
