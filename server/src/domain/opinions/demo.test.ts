import { sql } from 'drizzle-orm';
import { meetings, opinions, votes } from '../../db/schema';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { seedOpinionsDemo } from './demo';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const count = async (table: typeof opinions | typeof meetings | typeof votes) => Number((await t.deps.db.select({ n: sql<number>`count(*)` }).from(table))[0].n);

describe('opinions demo data', () => {
  it('is seeded (the run seeds demo data) and seeding again changes nothing', async () => {
    const before = [await count(opinions), await count(meetings), await count(votes)];
    expect(before[0]).toBeGreaterThanOrEqual(4);
    await seedOpinionsDemo(t.deps.db, { config: t.deps.config, now: new Date() });
    expect([await count(opinions), await count(meetings), await count(votes)]).toEqual(before);
    const demo = await t.login('13900000004');
    const mine = await t.api('GET', '/api/v1/me/opinions', { token: demo.token });
    expect(mine.body.items.map((o: any) => o.status).sort()).toEqual(['accepted', 'replied']);
  });
});
