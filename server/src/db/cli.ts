import { bootstrap } from '../bootstrap';
import { seedAll } from './seed';

/** npm run db:migrate | db:seed — bootstrap creates and migrates; "seed" also (re)runs the idempotent seed. */
async function main() {
  const cmd = process.argv[2];
  const deps = await bootstrap();
  if (cmd === 'seed') await seedAll(deps.db, deps.config, deps.logger);
  deps.logger.info({ cmd }, 'done');
  await deps.database.close();
}
main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
