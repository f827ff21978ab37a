import { ensureDatabase, openDatabase } from '../../src/db/client';
import { migrateWithLock } from '../../src/db/migrate';
import { seedAll } from '../../src/db/seed';
import { loadConfig } from '../../src/config';

/** A fresh database for this test run: created, migrated and seeded once; dropped in teardown. */
export default async function globalSetup() {
  const base = process.env.TEST_DATABASE_BASE ?? 'mysql://root@127.0.0.1:3306';
  const name = `xfh_test_${Date.now().toString(36)}_${process.pid}`;
  const url = `${base}/${name}`;
  process.env.DATABASE_URL = url;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'silent';
  process.env.JWT_SECRET = process.env.JWT_SECRET ?? 'test-secret-test-secret-test-secret-0123456789';
  process.env.PII_KEY = process.env.PII_KEY ?? 'test-pii-key-0123456789';
  const config = loadConfig(process.env);
  await ensureDatabase(url);
  const database = openDatabase(url, 2);
  await migrateWithLock(database, () => seedAll(database.db, config));
  await database.close();
}
