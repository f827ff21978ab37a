import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildWorker } from '../../../test/support/factories';
import { createActivity } from '../../../test/support/booking';

let t: TestServer;
let worker: { token: string };

beforeAll(async () => {
  t = await startTestServer();
  t.clock.set('2028-06-01T09:00:00+08:00');
  worker = await buildWorker(t, [1]);
});
afterAll(() => t.close());

const find = (q: string, extra = '') => t.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);

describe('GET /api/v1/search', () => {
  it('is public and asks for something to find', async () => {
    const r = await find('');
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields.q).toBe('请输入要找的内容');
    expect((await find('x'.repeat(41))).status).toBe(422);
    expect((await find('阳光', '&type=nope')).status).toBe(422);
  });

  it('finds complexes, their spaces and activities by every word of the query', async () => {
    const r = await find('阳光社区');
    expect(r.status).toBe(200);
    const complex = r.body.groups.find((g: any) => g.type === 'complex');
    expect(complex.label).toBe('综合体');
    expect(complex.items[0]).toMatchObject({ id: 1, title: '文新街道阳光社区民生综合体', link: '/packages/places/pages/complex/index?id=1' });
    const spaces = r.body.groups.find((g: any) => g.type === 'space');
    expect(spaces.items.length).toBeGreaterThan(0);
    expect(spaces.items.every((s: any) => s.subtitle.startsWith('文新街道阳光社区民生综合体'))).toBe(true);
    // two words: each must match (健身房 of 阳光社区 only)
    const two = await find('阳光社区 健身房');
    expect(two.body.terms).toEqual(expect.arrayContaining(['阳光', '健身房']));
    const gyms = two.body.groups.find((g: any) => g.type === 'space').items;
    expect(gyms.map((s: any) => s.title)).toEqual(['健身房']);
    expect(gyms[0].link).toMatch(/^\/packages\/booking\/pages\/space\/index\?id=\d+$/);
  });

  it('lists upcoming published activities only, by start, and pages a type by keyset', async () => {
    const day = 86_400_000;
    const now = t.clock.now().getTime();
    const made = [];
    for (const d of [5, 3, 4]) {
      made.push(
        await createActivity(t, worker.token, {
          title: `萤火虫观察夜${d}`,
          startAt: new Date(now + d * day).toISOString(),
          endAt: new Date(now + d * day + 3_600_000).toISOString(),
        }),
      );
    }
    const gone = await createActivity(t, worker.token, { title: '萤火虫观察夜取消场' });
    expect((await t.api('POST', `/api/v1/activities/${gone.id}/cancel`, { token: worker.token, body: { reason: '下雨' } })).status).toBe(200);

    const all = await find('萤火虫');
    expect(all.body.groups.map((g: any) => g.type)).toEqual(['activity']);
    expect(all.body.groups[0].items.map((a: any) => a.title)).toEqual(['萤火虫观察夜3', '萤火虫观察夜4', '萤火虫观察夜5']);
    expect(all.body.groups[0].items[0].subtitle).toBe('2028年6月4日 09:00 · 文新街道阳光社区民生综合体');

    const p1 = await find('萤火虫', '&type=activity&limit=2');
    expect(p1.body.groups[0].items.map((a: any) => a.title)).toEqual(['萤火虫观察夜3', '萤火虫观察夜4']);
    expect(p1.body.groups[0].nextCursor).toEqual(expect.any(String));
    const p2 = await find('萤火虫', `&type=activity&limit=2&cursor=${p1.body.groups[0].nextCursor}`);
    expect(p2.body.groups[0].items.map((a: any) => a.title)).toEqual(['萤火虫观察夜5']);
    expect(p2.body.groups[0].nextCursor).toBeNull();
    expect((await find('萤火虫', '&type=activity&cursor=notacursor')).status).toBe(422);
  });

  it('finds active rewards with their cost, not archived ones', async () => {
    const mk = async (name: string) => {
      const r = await t.api('POST', '/api/v1/rewards', { token: worker.token, body: { complexId: 1, kind: 'service', name, pointsCost: 40, stock: 5, perUserLimit: 1 } });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    await mk('萤石手工课');
    const old = await mk('萤石手工课（旧）');
    expect((await t.api('PATCH', `/api/v1/rewards/${old}`, { token: worker.token, body: { status: 'archived' } })).status).toBe(200);
    const r = await find('萤石', '&type=reward');
    expect(r.body.groups[0].items).toEqual([
      expect.objectContaining({ type: 'reward', title: '萤石手工课', subtitle: '40 积分 · 文新街道阳光社区民生综合体', link: '/packages/points/pages/rewards/index' }),
    ]);
  });

  it('takes % and _ literally and answers an empty result with no groups', async () => {
    const r = await find('%');
    expect(r.status).toBe(200);
    expect(r.body.groups).toEqual([]);
    const typed = await find('_', '&type=reward');
    expect(typed.body.groups).toEqual([{ type: 'reward', label: '积分兑换', items: [], nextCursor: null }]);
  });
});
