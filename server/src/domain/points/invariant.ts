import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

export interface LedgerViolation {
  userId: number;
  kind: 'balance_mismatch' | 'negative_balance' | 'broken_chain' | 'entries_without_account';
  detail: Record<string, number>;
}

export interface InvariantReport {
  ok: boolean;
  accounts: number;
  entries: number;
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
 * - no entries exist for a user without an account row.
 * Used by the benchmark, the tests and GET /api/v1/admin/points/invariant.
 */
export async function checkLedgerInvariant(db: DbOrTx, userIds?: number[]): Promise<InvariantReport> {
  const scopeA = userIds ? sql`WHERE a.user_id IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const scopeE = userIds ? sql`WHERE e.user_id IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  if (userIds && userIds.length === 0) return { ok: true, accounts: 0, entries: 0, violations: [] };

  const violations: LedgerViolation[] = [];
  const sums = rowsOf<{ user_id: number; balance: number; total: string | number | null }>(
    await db.execute(sql`
      SELECT a.user_id, a.balance, s.total
      FROM points_accounts a
      LEFT JOIN (SELECT e.user_id, SUM(e.delta) AS total FROM points_entries e ${scopeE} GROUP BY e.user_id) s ON s.user_id = a.user_id
      ${scopeA}`),
  );
  for (const r of sums) {
    const total = Number(r.total ?? 0);
    if (total !== Number(r.balance)) violations.push({ userId: Number(r.user_id), kind: 'balance_mismatch', detail: { balance: Number(r.balance), sumOfEntries: total } });
    if (Number(r.balance) < 0) violations.push({ userId: Number(r.user_id), kind: 'negative_balance', detail: { balance: Number(r.balance) } });
  }

  const chain = rowsOf<{ user_id: number; id: number; balance_after: number; running: string | number }>(
    await db.execute(sql`
      SELECT user_id, id, balance_after, running FROM (
        SELECT e.user_id, e.id, e.balance_after, SUM(e.delta) OVER (PARTITION BY e.user_id ORDER BY e.id) AS running
        FROM points_entries e ${scopeE}
      ) x
      WHERE x.running <> x.balance_after OR x.balance_after < 0
      LIMIT 100`),
  );
  for (const r of chain) {
    violations.push({ userId: Number(r.user_id), kind: 'broken_chain', detail: { entryId: Number(r.id), balanceAfter: Number(r.balance_after), runningSum: Number(r.running) } });
  }

  const orphans = rowsOf<{ user_id: number; n: number }>(
    await db.execute(sql`
      SELECT e.user_id, COUNT(*) AS n FROM points_entries e
      LEFT JOIN points_accounts a ON a.user_id = e.user_id
      ${userIds ? sql`${scopeE} AND` : sql`WHERE`} a.user_id IS NULL
      GROUP BY e.user_id LIMIT 100`),
  );
  for (const r of orphans) violations.push({ userId: Number(r.user_id), kind: 'entries_without_account', detail: { entries: Number(r.n) } });

  const [counts] = rowsOf<{ accounts: number; entries: number }>(
    await db.execute(sql`
      SELECT (SELECT COUNT(*) FROM points_accounts a ${scopeA}) AS accounts, (SELECT COUNT(*) FROM points_entries e ${scopeE}) AS entries`),
  );
  return { ok: violations.length === 0, accounts: Number(counts.accounts), entries: Number(counts.entries), violations };
}
