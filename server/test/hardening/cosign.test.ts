import { eq, sql } from 'drizzle-orm';
import { opinionCosigns, opinions } from '../../src/db/schema';
import { buildResident } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';
import { inBatches } from '../support/booking';
import { submitOpinion } from '../support/opinions';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('co-signing under load', () => {
  it('100 residents co-signing one opinion at once: 100 × 201, no 500, the count is exact', async () => {
    const writer = await buildResident(t);
    const id = await submitOpinion(t, writer.token, { title: '小区门口路灯不亮', content: '晚上很黑，老人出门不方便' });
    expect((await t.api('POST', `/api/v1/opinions/${id}/cosign`)).status).toBe(401);
    expect((await t.api('POST', `/api/v1/opinions/${id}/cosign`, { token: writer.token })).body.error.code).toBe('own_opinion');
    const residents = await inBatches(Array.from({ length: 100 }, (_, i) => i), 10, () => buildResident(t));

    const results = await Promise.all(residents.map((r) => t.api('POST', `/api/v1/opinions/${id}/cosign`, { token: r.token })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const counts = results.map((r) => r.body.cosignCount).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const [o] = await t.deps.db.select({ n: opinions.cosignCount }).from(opinions).where(eq(opinions.id, id));
    const [{ rows }] = await t.deps.db.select({ rows: sql<number>`count(*)` }).from(opinionCosigns).where(eq(opinionCosigns.opinionId, id));
    expect(o.n).toBe(100);
    expect(Number(rows)).toBe(100);

    // and the same residents again, at once: every one is 409, the count does not move
    const again = await Promise.all(residents.slice(0, 30).map((r) => t.api('POST', `/api/v1/opinions/${id}/cosign`, { token: r.token })));
    expect(again.map((r) => r.body.error?.code)).toEqual(Array(30).fill('already_cosigned'));
    const [after] = await t.deps.db.select({ n: opinions.cosignCount }).from(opinions).where(eq(opinions.id, id));
    expect(after.n).toBe(100);
  });
});
