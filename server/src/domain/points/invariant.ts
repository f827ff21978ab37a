import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

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
  const scopeA = userIds ? sql`WHERE a.user_id IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const scopeE = userIds ? sql`WHERE e.user_id IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  if (userIds && userIds.length === 0) return { ok: true, accounts: 0, entries: 0, holds: 0, pools: 0, violations: [] };

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

  const scopeH = userIds ? sql`AND h.user_id IN (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const held = rowsOf<{ user_id: number; balance: number; held: number; open_total: string | number | null }>(
    await db.execute(sql`
      SELECT a.user_id, a.balance, a.held, h.open_total
      FROM points_accounts a
      LEFT JOIN (SELECT h.user_id, SUM(h.amount) AS open_total FROM points_holds h WHERE h.status = 'held' ${scopeH} GROUP BY h.user_id) h ON h.user_id = a.user_id
      ${scopeA}`),
  );
  for (const r of held) {
    const open = Number(r.open_total ?? 0);
    if (open !== Number(r.held)) violations.push({ userId: Number(r.user_id), kind: 'held_mismatch', detail: { held: Number(r.held), sumOfOpenHolds: open } });
    if (Number(r.held) < 0 || Number(r.held) > Number(r.balance)) violations.push({ userId: Number(r.user_id), kind: 'held_out_of_range', detail: { held: Number(r.held), balance: Number(r.balance) } });
  }

  const pools = rowsOf<{ complex_id: number; balance: number; total: string | number | null }>(
    await db.execute(sql`
      SELECT p.complex_id, p.balance, s.total FROM points_pools p
      LEFT JOIN (SELECT complex_id, SUM(delta) AS total FROM points_pool_entries GROUP BY complex_id) s ON s.complex_id = p.complex_id`),
  );
  for (const r of pools) {
    const total = Number(r.total ?? 0);
    if (total !== Number(r.balance)) violations.push({ userId: 0, complexId: Number(r.complex_id), kind: 'pool_balance_mismatch', detail: { balance: Number(r.balance), sumOfEntries: total } });
    if (Number(r.balance) < 0) violations.push({ userId: 0, complexId: Number(r.complex_id), kind: 'pool_negative_balance', detail: { balance: Number(r.balance) } });
  }
  const poolChain = rowsOf<{ complex_id: number; id: number; balance_after: number; running: string | number }>(
    await db.execute(sql`
      SELECT complex_id, id, balance_after, running FROM (
        SELECT e.complex_id, e.id, e.balance_after, SUM(e.delta) OVER (PARTITION BY e.complex_id ORDER BY e.id) AS running
        FROM points_pool_entries e
      ) x
      WHERE x.running <> x.balance_after OR x.balance_after < 0
      LIMIT 100`),
  );
  for (const r of poolChain) {
    violations.push({ userId: 0, complexId: Number(r.complex_id), kind: 'pool_broken_chain', detail: { entryId: Number(r.id), balanceAfter: Number(r.balance_after), runningSum: Number(r.running) } });
  }

  const [counts] = rowsOf<{ accounts: number; entries: number; holds: number }>(
    await db.execute(sql`
      SELECT (SELECT COUNT(*) FROM points_accounts a ${scopeA}) AS accounts, (SELECT COUNT(*) FROM points_entries e ${scopeE}) AS entries,
        (SELECT COUNT(*) FROM points_holds h WHERE h.status = 'held' ${scopeH}) AS holds`),
  );
  return { ok: violations.length === 0, accounts: Number(counts.accounts), entries: Number(counts.entries), holds: Number(counts.holds), pools: pools.length, violations };
}
