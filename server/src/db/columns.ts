import { sql } from 'drizzle-orm';
import { bigint, customType, datetime } from 'drizzle-orm/mysql-core';

/** Primary key: BIGINT UNSIGNED AUTO_INCREMENT, read as a JS number. */
export const id = () => bigint('id', { mode: 'number', unsigned: true }).autoincrement().primaryKey();

/** A reference to another table's id (same type as `id()`). */
export const ref = (name: string) => bigint(name, { mode: 'number', unsigned: true });

/** DATETIME(3) stored in UTC (the pool runs with time_zone '+00:00'). */
export const utc = (name: string) => datetime(name, { mode: 'date', fsp: 3 });

export const createdAt = () => utc('created_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`);
export const updatedAt = () =>
  utc('updated_at').notNull().default(sql`CURRENT_TIMESTAMP(3)`).$onUpdate(() => new Date());

/**
 * JSON kept in a TEXT column: MariaDB's JSON is LONGTEXT and comes back as a string while MySQL 8
 * returns an object, so we (de)serialise ourselves to behave the same on both.
 */
export const jsonText = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => 'text',
    toDriver: (v) => JSON.stringify(v),
    fromDriver: (v) => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T)),
  })(name);
