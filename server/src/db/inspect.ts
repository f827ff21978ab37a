import type mysql from 'mysql2/promise';

/**
 * Query-plan tools for tests and benchmarks: what the optimiser plans (EXPLAIN) and what one
 * statement actually read (the session's Handler_read_* counters before and after).
 */
export type PlanRow = { id: number; select_type: string; table: string; type: string; possible_keys: string | null; key: string | null; rows: number; Extra: string | null };

export async function explain(pool: mysql.Pool, q: { sql: string; params: unknown[] }): Promise<PlanRow[]> {
  const [rows] = await pool.query(`EXPLAIN ${q.sql}`, q.params);
  return rows as PlanRow[];
}

async function handlerReads(conn: mysql.PoolConnection): Promise<number> {
  const [rows] = await conn.query("SHOW SESSION STATUS LIKE 'Handler_read%'");
  return (rows as Array<{ Variable_name: string; Value: string }>).reduce((n, r) => n + Number(r.Value), 0);
}

/** Runs the statement on one pinned connection and returns how many rows the storage engine handed over. */
export async function rowsExamined(pool: mysql.Pool, q: { sql: string; params: unknown[] }): Promise<{ examined: number; returned: number }> {
  const conn = await pool.getConnection();
  try {
    const before = await handlerReads(conn);
    const [rows] = await conn.query(q.sql, q.params);
    const after = await handlerReads(conn);
    // SHOW STATUS itself reads nothing through handlers on a fresh call; the delta is the statement's
    return { examined: after - before, returned: (rows as unknown[]).length };
  } finally {
    conn.release();
  }
}
