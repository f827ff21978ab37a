import { asc, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client';
import { departments } from '../../db/schema';
import { isDuplicateKey } from '../../db/client';
import { conflict } from '../../errors';

/** The district's list of departments (职能部门) that may own a project. */
export function listDepartments(db: DbOrTx) {
  return db.select({ id: departments.id, name: departments.name }).from(departments).orderBy(asc(departments.id));
}

export async function addDepartment(tx: Tx, name: string): Promise<{ id: number; name: string }> {
  try {
    const [{ id }] = await tx.insert(departments).values({ name: name.trim() }).$returningId();
    return { id, name: name.trim() };
  } catch (e) {
    if (isDuplicateKey(e)) throw conflict('already_exists', '该部门已在名单中');
    throw e;
  }
}

/** Seeds the list with these names (the seed passes the district's departments). Idempotent. */
export async function seedDepartments(db: Db, names: readonly string[]): Promise<void> {
  for (const name of names) await db.insert(departments).values({ name }).onDuplicateKeyUpdate({ set: { name: sql`name` } });
}
