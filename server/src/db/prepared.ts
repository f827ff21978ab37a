import { fillPlaceholders, sql, type AnyColumn } from 'drizzle-orm';
import type mysql from 'mysql2/promise';
import type { Db, DbOrTx } from './client';

/**
 * A statement built once per database handle and then run with placeholders
 * (`sql.placeholder('name')`, `.prepare()`, `.execute({ name })`). Building a drizzle query
 * (the select tree, then its SQL text) was the largest part of a hot read's own CPU in the
 * bench:reads profiles; the SQL that reaches the database is the same. The pool's handle keeps its
 * statements for the process; a transaction's handle (bound to its connection) builds its own.
 *
 *   const byId = preparedFor((db) => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare());
 *   const [u] = await byId(db).execute({ id });
 */
export function preparedFor<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const built = new WeakMap<DbOrTx, Q>();
  return (db) => {
    let q = built.get(db);
    if (q === undefined) {
      q = build(db);
      built.set(db, q);
    }
    return q;
  };
}

/**
 * `IN (…)` over a list bound to one placeholder, for prepared statements whose list length varies
 * (mysql2 expands an array value to `a, b, c`). The caller skips the statement for an empty list.
 */
export const inList = (column: AnyColumn, name: string) => sql`${column} in (${sql.placeholder(name)})`;

type Compilable = { toSQL(): { sql: string; params: unknown[] } };
/** DATETIME and DATE as the database's text ('2026-12-01 08:30:00.000', UTC): no Date per value. */
const datesAsText: mysql.TypeCast = (field, next) => (field.type === 'DATETIME' || field.type === 'TIMESTAMP' || field.type === 'DATE' ? field.string() : next());

/**
 * The hottest lists: a drizzle select compiled once per shape (one statement per combination of
 * optional filters, every value a placeholder; shapes come from a fixed set the caller chooses) and run straight on
 * the pool's mysql2 client, each row an array in select order, DATETIME as text. Drizzle's own row
 * mapping (a decoder call and a nested path walk per column, a Date parsed per datetime) was the
 * largest part of the opinion list's own CPU in bench:reads. The caller maps the array by position
 * next to the select, and turns times into ISO text with `isoOfDbText`.
 */
export function compiledRowsBy(build: (db: Db, shape: string) => Compilable) {
  const built = new WeakMap<Db, Map<string, { sql: string; params: unknown[] }>>();
  return async (db: Db, shape: string, values: Record<string, unknown>): Promise<unknown[][]> => {
    let shapes = built.get(db);
    if (!shapes) built.set(db, (shapes = new Map()));
    let q = shapes.get(shape);
    if (q === undefined) {
      q = build(db, shape).toSQL();
      shapes.set(shape, q);
    }
    return rowsOf(db, q, values);
  };
}

/** A compiled select (`query.toSQL()`) run as compiledRowsBy runs it: rows as arrays, DATETIME as text. */
export async function rowsOf(db: Db, q: { sql: string; params: unknown[] }, values: Record<string, unknown> = {}): Promise<unknown[][]> {
  // drizzle() keeps its client as $client (the guarded pool of openDatabase), not in the Db type
  const client = (db as unknown as { $client: mysql.Pool }).$client;
  const [rows] = await client.query({ sql: q.sql, rowsAsArray: true, typeCast: datesAsText }, fillPlaceholders(q.params, values));
  return rows as unknown as unknown[][];
}

/** '2026-12-01 08:30:00.000' (a UTC DATETIME(3) read as text) → '2026-12-01T08:30:00.000Z', as Date#toISOString. */
export const isoOfDbText = (t: unknown): string | null => (typeof t === 'string' ? `${t.slice(0, 10)}T${t.slice(11)}Z` : null);
