import { sql, type AnyColumn } from 'drizzle-orm';
import type { DbOrTx } from './client';

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
 * preparedFor with one statement per shape (e.g. which optional filters are set): `build` must
 * make the same SQL for the same shape and take every value through a placeholder. Shapes come
 * from a fixed set chosen by the caller, so the cache stays small.
 */
export function preparedBy<Q>(build: (db: DbOrTx, shape: string) => Q): (db: DbOrTx, shape: string) => Q {
  const built = new WeakMap<DbOrTx, Map<string, Q>>();
  return (db, shape) => {
    let shapes = built.get(db);
    if (!shapes) built.set(db, (shapes = new Map()));
    let q = shapes.get(shape);
    if (q === undefined) {
      q = build(db, shape);
      shapes.set(shape, q);
    }
    return q;
  };
}

/**
 * `IN (…)` over a list bound to one placeholder, for prepared statements whose list length varies
 * (mysql2 expands an array value to `a, b, c`). The caller skips the statement for an empty list.
 */
export const inList = (column: AnyColumn, name: string) => sql`${column} in (${sql.placeholder(name)})`;
