import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { isDuplicateKey, withTx } from '../../db/client';
import { branchComplexes, branches, complexes, streets } from '../../db/schema';
import { appError, conflict, notFound, validationFailed } from '../../errors';
import type { RequestFacts } from '../access/actor';
import { audit } from '../audit/log';
import { findBranch } from './profile';
import { checkPairingRows, readPairingSheet, type Lookups } from './pairingSheet';

/**
 * 结对: which branch serves which complex. District admins add and remove single pairs or
 * replace the whole list from a spreadsheet (all or nothing).
 */

export async function listPairings(db: DbOrTx, filter: { branchId?: number; complexId?: number } = {}) {
  const conds: SQL[] = [];
  if (filter.branchId) conds.push(eq(branchComplexes.branchId, filter.branchId));
  if (filter.complexId) conds.push(eq(branchComplexes.complexId, filter.complexId));
  return db
    .select({
      branchId: branches.id,
      branchName: branches.name,
      department: branches.department,
      complexId: complexes.id,
      complexName: complexes.name,
      streetName: streets.name,
    })
    .from(branchComplexes)
    .innerJoin(branches, eq(branches.id, branchComplexes.branchId))
    .innerJoin(complexes, eq(complexes.id, branchComplexes.complexId))
    .innerJoin(streets, eq(streets.id, complexes.streetId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(branches.id), asc(complexes.id));
}

export async function addPairing(tx: Tx, branchId: number, complexId: number): Promise<void> {
  await findBranch(tx, branchId);
  const [c] = await tx.select({ id: complexes.id }).from(complexes).where(eq(complexes.id, complexId)).limit(1);
  if (!c) throw validationFailed({ complexId: '民生综合体不存在' });
  try {
    await tx.insert(branchComplexes).values({ branchId, complexId });
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('already_paired', '该党支部已与这个民生综合体结对');
    throw e;
  }
}

export async function removePairing(tx: Tx, branchId: number, complexId: number): Promise<void> {
  const [res] = await tx.delete(branchComplexes).where(and(eq(branchComplexes.branchId, branchId), eq(branchComplexes.complexId, complexId)));
  if ((res as { affectedRows: number }).affectedRows === 0) throw notFound('该党支部未与这个民生综合体结对');
}

/** Names → ids for checking an import. */
export async function pairingLookups(db: DbOrTx): Promise<Lookups> {
  const bs = await db.select({ id: branches.id, name: branches.name, department: branches.department }).from(branches);
  const cs = await db.select({ id: complexes.id, name: complexes.name }).from(complexes);
  return {
    branches: new Map(bs.map((b) => [b.name, { id: b.id, department: b.department }])),
    complexes: new Map(cs.map((c) => [c.name, c.id])),
  };
}

/** Replaces every pair with `pairs` inside the caller's transaction: readers see the old list or the new one. */
export async function replacePairings(tx: Tx, pairs: Array<{ branchId: number; complexId: number }>): Promise<{ removed: number; inserted: number }> {
  const [del] = await tx.delete(branchComplexes);
  for (let i = 0; i < pairs.length; i += 500) await tx.insert(branchComplexes).values(pairs.slice(i, i + 500));
  return { removed: (del as { affectedRows: number }).affectedRows, inserted: pairs.length };
}

/**
 * 导入结对清单: reads the spreadsheet off the event loop, checks every row (any bad one imports
 * nothing: 422 with `details.rows`), then replaces the whole list and writes `pairing.import` in
 * one transaction of its own — opened only once the file is read, and so retried on a deadlock
 * without reading it again.
 */
export async function importPairings(db: Db, file: Buffer, filename: string | null, actorId: number, facts: RequestFacts) {
  const sheet = await readPairingSheet(file);
  if (!sheet.ok) throw validationFailed({ file: sheet.reason }, sheet.reason);
  const { pairs, problems } = checkPairingRows(sheet.rows, await pairingLookups(db));
  if (problems.length) {
    throw appError(422, 'validation_failed', `有 ${problems.length} 行有误，未导入任何内容，请改正后重新上传`, {
      fields: { file: `有 ${problems.length} 行有误` },
      rows: problems,
    });
  }
  const result = await withTx(db, async (tx) => {
    const r = await replacePairings(tx, pairs);
    await audit(tx, { actorId, action: 'pairing.import', targetType: 'pairing', detail: { ...r, filename }, ...facts });
    return r;
  });
  const branchIds = new Set(pairs.map((p) => p.branchId));
  const lookups = await pairingLookups(db);
  return {
    imported: result.inserted,
    removed: result.removed,
    branches: branchIds.size,
    complexes: new Set(pairs.map((p) => p.complexId)).size,
    unpairedBranches: lookups.branches.size - branchIds.size,
  };
}
