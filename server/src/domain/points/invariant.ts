import { sql, type Column } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pointsAccounts as A, pointsEntries as E, pointsHolds as H, pointsPoolEntries as PE, pointsPools as P } from '../../db/schema';

export interface LedgerViolation {
  /** the user, or 0 for a pool's violation (then `complexId` names the pool) */
  userId: number;
  complexId?: number;
  kind:
    | 'balance_mismatch'
    | 'negative_balance'
    | 'broken_chain'
    | 'entries_without_account'
    | 'held_mismatch'
    | 'held_out_of_range'
    | 'pool_balance_mismatch'
    | 'pool_negative_balance'
    | 'pool_broken_chain';
  detail: Record<string, number>;
}

export interface InvariantReport {
  ok: boolean;
  accounts: number;
  entries: number;
  /** open holds in scope */
  holds: number;
  /** 至善 pools checked (all of them when no users are named) */
  pools: number;
  violations: LedgerViolation[];
}

type Rows<T> = [T[], unknown];
const rowsOf = <T>(r: unknown) => (r as Rows<T>)[0];

/**
 * Checks the ledger's promises over the whole table (or a set of users):
 * - every balance equals the sum of its entries, and is ≥ 0;
 * - every entry's balanceAfter equals the running sum of that user's entries in id order
 *   (entries of one user are appended under the account lock, so id order is posting order),
 *   hence no balance was ever negative;
 * - no entries exist for a user without an account row;
 * - holds: every account's `held` equals the sum of its open holds, and 0 ≤ held ≤ balance
 *   (held points are still the user's, so balance = Σ entries holds either way);
 * - 至善 pools (all of them, whatever the users): balance = Σ pool entries ≥ 0 and an unbroken
 *   balanceAfter chain.
 * Used by the benchmark, the tests and GET /api/v1/admin/points/invariant.
 */
export async function checkLedgerInvariant(db: DbOrTx, userIds?: number[]): Promise<InvariantReport> {
  if (userIds && userIds.length === 0) return { ok: true, accounts: 0, entries: 0, holds: 0, pools: 0, violations: [] };
  // table and column names come from the schema; result columns are named by their AS
  const ids = userIds ? sql.join(userIds.map((id) => sql`${id}`), sql`, `) : null;
  const scope = (col: Column, word: 'WHERE' | 'AND') => (ids ? sql`${sql.raw(word)} ${col} IN (${ids})` : sql``);
  const scopeA = scope(A.userId, 'WHERE');
  const scopeE = scope(E.userId, 'WHERE');
  const scopeH = scope(H.userId, 'AND');

  const violations: LedgerViolation[] = [];
  const sums = rowsOf<{ userId: number; balance: number; total: string | number | null }>(
    await db.execute(sql`
      SELECT ${A.userId} AS userId, ${A.balance} AS balance, s.total
      FROM ${A}
      LEFT JOIN (SELECT ${E.userId} AS userId, SUM(${E.delta}) AS total FROM ${E} ${scopeE} GROUP BY ${E.userId}) s ON s.userId = ${A.userId}
      ${scopeA}`),
  );
  for (const r of sums) {
    const total = Number(r.total ?? 0);
    if (total !== Number(r.balance)) violations.push({ userId: Number(r.userId), kind: 'balance_mismatch', detail: { balance: Number(r.balance), sumOfEntries: total } });
    if (Number(r.balance) < 0) violations.push({ userId: Number(r.userId), kind: 'negative_balance', detail: { balance: Number(r.balance) } });
  }

  const chain = rowsOf<{ userId: number; id: number; balanceAfter: number; running: string | number }>(
    await db.execute(sql`
      SELECT userId, id, balanceAfter, running FROM (
        SELECT ${E.userId} AS userId, ${E.id} AS id, ${E.balanceAfter} AS balanceAfter, SUM(${E.delta}) OVER (PARTITION BY ${E.userId} ORDER BY ${E.id}) AS running
        FROM ${E} ${scopeE}
      ) x
      WHERE x.running <> x.balanceAfter OR x.balanceAfter < 0
      LIMIT 100`),
  );
  for (const r of chain) {
    violations.push({ userId: Number(r.userId), kind: 'broken_chain', detail: { entryId: Number(r.id), balanceAfter: Number(r.balanceAfter), runningSum: Number(r.running) } });
  }

  const orphans = rowsOf<{ userId: number; n: number }>(
    await db.execute(sql`
      SELECT ${E.userId} AS userId, COUNT(*) AS n FROM ${E}
      LEFT JOIN ${A} ON ${A.userId} = ${E.userId}
      ${userIds ? sql`${scopeE} AND` : sql`WHERE`} ${A.userId} IS NULL
      GROUP BY ${E.userId} LIMIT 100`),
  );
  for (const r of orphans) violations.push({ userId: Number(r.userId), kind: 'entries_without_account', detail: { entries: Number(r.n) } });

  const held = rowsOf<{ userId: number; balance: number; held: number; openTotal: string | number | null }>(
    await db.execute(sql`
      SELECT ${A.userId} AS userId, ${A.balance} AS balance, ${A.held} AS held, o.openTotal
      FROM ${A}
      LEFT JOIN (SELECT ${H.userId} AS userId, SUM(${H.amount}) AS openTotal FROM ${H} WHERE ${H.status} = 'held' ${scopeH} GROUP BY ${H.userId}) o ON o.userId = ${A.userId}
      ${scopeA}`),
  );
  for (const r of held) {
    const open = Number(r.openTotal ?? 0);
    if (open !== Number(r.held)) violations.push({ userId: Number(r.userId), kind: 'held_mismatch', detail: { held: Number(r.held), sumOfOpenHolds: open } });
    if (Number(r.held) < 0 || Number(r.held) > Number(r.balance)) violations.push({ userId: Number(r.userId), kind: 'held_out_of_range', detail: { held: Number(r.held), balance: Number(r.balance) } });
  }

  const pools = rowsOf<{ complexId: number; balance: number; total: string | number | null }>(
    await db.execute(sql`
      SELECT ${P.complexId} AS complexId, ${P.balance} AS balance, s.total FROM ${P}
      LEFT JOIN (SELECT ${PE.complexId} AS complexId, SUM(${PE.delta}) AS total FROM ${PE} GROUP BY ${PE.complexId}) s ON s.complexId = ${P.complexId}`),
  );
  for (const r of pools) {
    const total = Number(r.total ?? 0);
    if (total !== Number(r.balance)) violations.push({ userId: 0, complexId: Number(r.complexId), kind: 'pool_balance_mismatch', detail: { balance: Number(r.balance), sumOfEntries: total } });
    if (Number(r.balance) < 0) violations.push({ userId: 0, complexId: Number(r.complexId), kind: 'pool_negative_balance', detail: { balance: Number(r.balance) } });
  }
  const poolChain = rowsOf<{ complexId: number; id: number; balanceAfter: number; running: string | number }>(
    await db.execute(sql`
      SELECT complexId, id, balanceAfter, running FROM (
        SELECT ${PE.complexId} AS complexId, ${PE.id} AS id, ${PE.balanceAfter} AS balanceAfter, SUM(${PE.delta}) OVER (PARTITION BY ${PE.complexId} ORDER BY ${PE.id}) AS running
        FROM ${PE}
      ) x
      WHERE x.running <> x.balanceAfter OR x.balanceAfter < 0
      LIMIT 100`),
  );
  for (const r of poolChain) {
    violations.push({ userId: 0, complexId: Number(r.complexId), kind: 'pool_broken_chain', detail: { entryId: Number(r.id), balanceAfter: Number(r.balanceAfter), runningSum: Number(r.running) } });
  }

  const [counts] = rowsOf<{ accounts: number; entries: number; holds: number }>(
    await db.execute(sql`
      SELECT (SELECT COUNT(*) FROM ${A} ${scopeA}) AS accounts, (SELECT COUNT(*) FROM ${E} ${scopeE}) AS entries,
        (SELECT COUNT(*) FROM ${H} WHERE ${H.status} = 'held' ${scopeH}) AS holds`),
  );
  return { ok: violations.length === 0, accounts: Number(counts.accounts), entries: Number(counts.entries), holds: Number(counts.holds), pools: pools.length, violations };
}
