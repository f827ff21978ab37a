import { getTableConfig, MySqlTable } from 'drizzle-orm/mysql-core';
import { getTableName, is, sql } from 'drizzle-orm';
import * as schema from '../../src/db/schema';
import type { TestServer } from '../support/harness';

const tables = (Object.values(schema) as unknown[]).filter((x): x is MySqlTable => is(x, MySqlTable));

/** Every (table, column) that points at users.id through a foreign key. */
export function userColumns(): Array<{ table: string; column: string }> {
  const out: Array<{ table: string; column: string }> = [];
  for (const t of tables) {
    const cfg = getTableConfig(t);
    for (const fk of cfg.foreignKeys) {
      const ref = fk.reference();
      if (getTableName(ref.foreignTable) !== 'users') continue;
      for (const c of ref.columns) out.push({ table: cfg.name, column: c.name });
    }
  }
  return out;
}

/** How many rows of each table still name the user (via any foreign key to users). */
export async function rowsNaming(t: TestServer, userId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table, column } of userColumns()) {
    const [rows] = (await t.deps.db.execute(sql`SELECT COUNT(*) AS n FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} = ${userId}`)) as unknown as [Array<{ n: number }>];
    const n = Number(rows[0].n);
    if (n > 0) out[table] = (out[table] ?? 0) + n;
  }
  return out;
}

/** Every (table.column) of a text type whose value contains the needle, across the whole schema. */
export async function whereTextAppears(t: TestServer, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const tb of tables) {
    const cfg = getTableConfig(tb);
    const cols = cfg.columns.filter((c) => /char|text/i.test(c.getSQLType()) && !c.generated);
    for (const c of cols) {
      const [rows] = (await t.deps.db.execute(
        sql`SELECT COUNT(*) AS n FROM ${sql.identifier(cfg.name)} WHERE ${sql.identifier(c.name)} LIKE ${`%${needle}%`}`,
      )) as unknown as [Array<{ n: number }>];
      if (Number(rows[0].n) > 0) hits.push(`${cfg.name}.${c.name}`);
    }
  }
  return hits;
}

let n = 0;
const HAN = '春夏秋冬梅兰竹菊松柏桃李杏桂荷莲';
/** A Chinese name no other test uses (volunteer names must be 2–16 Han characters). */
export function uniqueHanName(): string {
  n++;
  const k = (Date.now() % 100000) * 10 + n;
  return `测${[...String(k).padStart(6, '0')].map((d) => HAN[Number(d)]).join('')}`;
}
