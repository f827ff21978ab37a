import { dropDatabase } from '../../src/db/client';

export default async function globalTeardown() {
  if (process.env.DATABASE_URL && process.env.KEEP_TEST_DB !== '1') await dropDatabase(process.env.DATABASE_URL);
}
