import { eq } from 'drizzle-orm';
import { complexes } from '../../db/schema';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { submitOpinion, wechatResident } from '../../../test/support/opinions';
import { refreshDashboard } from '../../domain/dashboard/refresh';

let t: TestServer;
afterAll(() => t.close());

describe('hot topics (民意热度) on a fixed set of opinions', () => {
  it('ranks terms by opinions × (1 + co-signs), per complex and street, in the period', async () => {
    t = await startTestServer();
    const C = 5;
    const worker = await buildWorker(t, [C]);
    const author = await buildResident(t);
    const fans = await Promise.all([0, 1, 2].map(() => buildResident(t)));
    t.clock.set('2026-06-10T10:00:00+08:00');
    const lamp = await submitOpinion(t, author.token, { complexId: C, category: '公共安全', title: '路灯坏了', content: '小区北门路灯坏了，晚上很黑。' });
    await submitOpinion(t, author.token, { complexId: C, category: '交通出行', title: '停车难', content: '晚上停车位不够，电动车乱停。' });
    await submitOpinion(t, author.token, { complexId: C, category: '助老服务', title: '老年食堂', content: '希望老年食堂增加晚餐。', visibility: 'private' });
    // Held by the content check: never counted.
    await t.api('POST', '/api/v1/opinions', { token: (await wechatResident(t, 'hot_held')).token, body: { category: '其他', title: '路灯待审核', content: '路灯路灯路灯', complexId: C } });
    for (const f of fans) await t.api('POST', `/api/v1/opinions/${lamp}/cosign`, { token: f.token });
    // Outside the period: not counted.
    t.clock.set('2026-07-02T10:00:00+08:00');
    await submitOpinion(t, author.token, { complexId: C, title: '电梯', content: '电梯故障频繁' });
    t.clock.set(null);

    // Counted off the request path: by the refresh job (in production every 30 s).
    await refreshDashboard(t.deps.db, t.clock.now());

    const q = (s: string, token?: string) => t.api('GET', `/api/v1/opinions/hot-topics?${s}`, { token });
    const staff = await q(`complexId=${C}&from=2026-06-01&to=2026-06-30`, worker.token);
    expect(staff.status).toBe(200);
    expect(staff.body.opinionCount).toBe(3);
    const byTerm = Object.fromEntries(staff.body.items.map((i: any) => [i.term, i]));
    // 晚上 is in two opinions, one with 3 co-signs: 4 + 1.
    expect(staff.body.items[0]).toEqual({ term: '晚上', weight: 5, opinions: 2 });
    expect(byTerm['路灯']).toEqual({ term: '路灯', weight: 4, opinions: 1 });
    expect(byTerm['北门']).toEqual({ term: '北门', weight: 4, opinions: 1 });
    expect(byTerm['停车位']).toEqual({ term: '停车位', weight: 1, opinions: 1 });
    const weights = staff.body.items.map((i: any) => i.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    const terms = staff.body.items.map((i: any) => i.term);
    expect(terms).toEqual(expect.arrayContaining(['老年', '食堂', '晚餐', '停车位', '电动车']));
    expect(terms).not.toContain('电梯');
    expect(terms).not.toContain('希望');
    expect(staff.body.items.length).toBeLessThanOrEqual(20);

    // Residents and anonymous callers: public opinions only.
    const pub = await q(`complexId=${C}&from=2026-06-01&to=2026-06-30`);
    expect(pub.body.opinionCount).toBe(2);
    expect(pub.body.items.map((i: any) => i.term)).not.toContain('食堂');

    // By street: the same public opinions (the only ones of that street in June 2026 in this run).
    const [c] = await t.deps.db.select().from(complexes).where(eq(complexes.id, C));
    const street = await q(`streetId=${c.streetId}&from=2026-06-01&to=2026-06-30`);
    expect(street.body.items).toEqual(pub.body.items);
    expect((await q('from=2026-06-01')).status).toBe(422);
    expect((await q(`complexId=${C}&from=2026-07-01&to=2026-06-01`)).status).toBe(422);
  });
});
