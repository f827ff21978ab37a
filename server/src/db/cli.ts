import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { openPreparedDatabase } from './prepare';
import { seedAll } from './seed';

/**
 * npm run db:migrate | db:seed — creates and migrates the database (seeding an empty one); "seed"
 * also (re)runs the idempotent seed. Only the database side: no tokens, sessions or WeChat client.
 */
async function main() {
  const cmd = process.argv[2];
  const config = loadConfig(process.env, (w) => process.stderr.write(`${w}\n`));
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openPreparedDatabase(config, logger);
  if (cmd === 'seed') await seedAll(database.db, config, logger);
  logger.info({ cmd }, 'done');
  await database.close();
}
main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
