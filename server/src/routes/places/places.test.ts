import { haversineM } from '../../domain/places/geo';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('places and catalogue', () => {
  it('lists the 11 streets of Xihu', async () => {
    const r = await t.api('GET', '/api/v1/streets');
    expect(r.status).toBe(200);
    // the seed's 11 (suites sharing this database may add test streets after them)
    expect(r.body.items.filter((s: any) => s.id <= 11)).toHaveLength(11);
    expect(r.body.items.map((s: any) => s.name)).toEqual(expect.arrayContaining(['文新街道', '三墩镇', '西湖街道']));
    expect(r.body.nextCursor).toBeNull();
  });

  it('has a service catalogue of 11 categories and 55–65 items', async () => {
    const r = await t.api('GET', '/api/v1/service-catalog');
    expect(r.body.items).toHaveLength(11);
    const n = r.body.items.reduce((s: number, c: any) => s + c.items.length, 0);
    expect(n).toBeGreaterThanOrEqual(55);
    expect(n).toBeLessThanOrEqual(65);
  });

  it('lists 149 branches, each paired with at least one complex', async () => {
    const r = await t.api('GET', '/api/v1/branches');
    expect(r.body.items).toHaveLength(149);
    expect(r.body.items.every((b: any) => b.complexIds.length >= 1)).toBe(true);
    const page = await t.api('GET', '/api/v1/branches?limit=100');
    expect(page.body.items).toHaveLength(100);
    const next = await t.api('GET', `/api/v1/branches?limit=100&cursor=${page.body.nextCursor}`);
    expect(next.body.items).toHaveLength(49);
    expect(next.body.nextCursor).toBeNull();
  });

  it('orders complexes nearest first with distances', async () => {
    const lat = 30.2787;
    const lng = 120.1295;
    const r = await t.api('GET', `/api/v1/complexes?lat=${lat}&lng=${lng}`);
    expect(r.status).toBe(200);
    const d = r.body.items.map((c: any) => c.distanceM);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    for (const c of r.body.items) expect(Math.abs(c.distanceM - haversineM(lat, lng, c.lat, c.lng))).toBeLessThanOrEqual(1);
    expect(r.body.items[0].name).toBe('西溪街道古荡湾社区民生综合体');
    expect(new Set(r.body.items.map((c: any) => c.mode))).toEqual(new Set(['flagship', 'star_moon', 'pearl_chain']));
  });

  it('filters by street and rejects half a coordinate or a bad limit', async () => {
    const all = await t.api('GET', '/api/v1/complexes');
    expect(all.body.items[0].name).toBe('文新街道阳光社区民生综合体');
    const streetIds = new Set(all.body.items.filter((c: any) => c.id <= 12).map((c: any) => c.streetId));
    expect(streetIds.size).toBe(11);
    const one = await t.api('GET', '/api/v1/complexes?streetId=1');
    expect(one.body.items.every((c: any) => c.streetId === 1)).toBe(true);
    const bad = await t.api('GET', '/api/v1/complexes?lat=30.2');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(Object.keys(bad.body.error.details.fields)).toContain('lat');
    const big = await t.api('GET', '/api/v1/complexes?limit=101');
    expect(big.status).toBe(422);
    expect(big.body.error.details.fields.limit).toMatch(/100/);
  });

  it('shows a complex with facilities and its 7+X spaces; satellites of a 星月式 complex within 500 m', async () => {
    const list = await t.api('GET', '/api/v1/complexes?limit=100');
    // the seed's 12 complexes (suites sharing this database add bare test complexes of their own)
    const seeded = list.body.items.filter((c: any) => c.id <= 12);
    expect(seeded).toHaveLength(12);
    for (const c of seeded) {
      const r = await t.api('GET', `/api/v1/complexes/${c.id}`);
      expect(r.status).toBe(200);
      const types = new Set(r.body.spaces.map((s: any) => s.type));
      for (const ty of ['elderly', 'health', 'vitality', 'education', 'governance', 'life', 'charity']) expect(types).toContain(ty);
      expect(r.body.spaces.length).toBeGreaterThan(7);
      if (c.mode === 'star_moon') {
        expect(r.body.facilities.length).toBeGreaterThan(1);
        for (const f of r.body.facilities) expect(f.distanceM).toBeLessThanOrEqual(500);
      }
    }
    const names = (await Promise.all(list.body.items.map((c: any) => t.api('GET', `/api/v1/complexes/${c.id}`)))).flatMap((r: any) =>
      r.body.spaces.map((s: any) => s.name),
    );
    for (const n of ['健身房', '西湖书房', '共享厨房']) expect(names).toContain(n);
  });

  it('404s an unknown complex and 422s a bad id', async () => {
    expect((await t.api('GET', '/api/v1/complexes/99999')).body.error.code).toBe('not_found');
    expect((await t.api('GET', '/api/v1/complexes/abc')).status).toBe(422);
  });
});
