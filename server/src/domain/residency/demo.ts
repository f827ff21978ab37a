import { and, eq, isNotNull, notInArray } from 'drizzle-orm';
import { residencies, users } from '../../db/schema';
import type { DemoSeeder } from '../../db/demoSeeder';

/** The seeded residents already live where the seed put them: their homes start verified. */
export const seedResidencyDemo: DemoSeeder = async (db, { now }) => {
  const done = (await db.select({ id: residencies.userId }).from(residencies)).map((r) => r.id);
  const rows = await db
    .select({ id: users.id, home: users.homeComplexId })
    .from(users)
    .where(and(eq(users.role, 'resident'), isNotNull(users.homeComplexId), done.length ? notInArray(users.id, done) : undefined));
  for (const r of rows) await db.insert(residencies).values({ userId: r.id, complexId: r.home!, claimedAt: now, verifiedAt: now, verifiedBy: null });
};
