import { and, eq, inArray, sql } from 'drizzle-orm';
import { activities, complexes, facilities, spaces, users } from '../../db/schema';
import { explain, rowsExamined } from '../../db/inspect';
import { facilitiesWithin } from '../../domain/nearby/circle';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const R_EARTH = 6371000; // a different radius than the server's on purpose: agreement must be within 1%
function independentHaversine(lat1: number, lng1: number, lat2: number, lng2: number) {
  const toRad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(toRad(lat2 - lat1) / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(toRad(lng2 - lng1) / 2) ** 2;
  return 2 * R_EARTH * Math.atan2(Math.sqrt(h), Math.sqrt(1 - h));
}

describe('10-minute service circle', () => {
  it('validates the point', async () => {
    const r = await t.api('GET', '/api/v1/nearby?lat=30.27');
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.details.fields)).toContain('lng');
    expect((await t.api('GET', '/api/v1/nearby?lat=95&lng=120')).status).toBe(422);
    expect((await t.api('GET', '/api/v1/nearby?lat=30&lng=120&minutes=0')).status).toBe(422);
  });

  it('finds exactly the facilities within 800 m, nearest first, agreeing with haversine within 1%', async () => {
    const [c1] = await t.deps.db.select().from(complexes).where(eq(complexes.id, 1));
    const lat = c1.lat + 0.0012;
    const lng = c1.lng - 0.0009;
    const r = await t.api('GET', `/api/v1/nearby?lat=${lat}&lng=${lng}&minutes=10&limit=100`);
    expect(r.status).toBe(200);
    expect(r.body.radiusM).toBe(800);
    const all = await t.deps.db.select().from(facilities);
    const expected = all.filter((f) => independentHaversine(lat, lng, f.lat, f.lng) <= 800 * 0.99).map((f) => f.id);
    const got = r.body.facilities.map((f: any) => f.id);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(expect.arrayContaining(expected));
    for (const f of r.body.facilities) {
      const d = independentHaversine(lat, lng, f.lat, f.lng);
      expect(Math.abs(f.distanceM - d) / d).toBeLessThan(0.01);
      expect(f.distanceM).toBeLessThanOrEqual(800);
      expect(f.walkMinutes).toBe(Math.max(1, Math.ceil(f.distanceM / 80)));
    }
    const ds = r.body.facilities.map((f: any) => f.distanceM);
    expect(ds).toEqual([...ds].sort((a, b) => a - b));
    // spaces carry their "7+X" type and their facility's distance
    expect(r.body.spaces.length).toBeGreaterThan(0);
    const byFacility = new Map(r.body.facilities.map((f: any) => [f.id, f.distanceM]));
    for (const s of r.body.spaces) {
      expect(['elderly', 'health', 'vitality', 'education', 'governance', 'life', 'charity', 'other']).toContain(s.type);
      expect(s.distanceM).toBe(byFacility.get(s.facilityId));
    }
  });

  it('lists today’s published activities (Asia/Shanghai) within reach', async () => {
    const [c1] = await t.deps.db.select().from(complexes).where(eq(complexes.id, 1));
    const [creator] = await t.deps.db.select({ id: users.id }).from(users).limit(1);
    // 2026-12-03 00:30 Shanghai is still 2026-12-02 in UTC: "today" must follow Shanghai
    t.clock.set('2026-12-02T16:30:00Z');
    const at = (iso: string) => new Date(iso);
    const rows = [
      { title: '今日太极', startAt: at('2026-12-03T01:00:00Z'), status: 'published' as const },
      { title: '今日草稿', startAt: at('2026-12-03T02:00:00Z'), status: 'draft' as const },
      { title: '明日讲座', startAt: at('2026-12-03T17:00:00Z'), status: 'published' as const },
      { title: '昨日活动', startAt: at('2026-12-02T15:00:00Z'), status: 'published' as const },
    ];
    const ids: number[] = [];
    try {
      for (const a of rows) {
        const [{ id }] = await t.deps.db
          .insert(activities)
          .values({ complexId: 1, createdBy: creator.id, title: a.title, startAt: a.startAt, endAt: new Date(a.startAt.getTime() + 3600_000), capacity: 20, status: a.status })
          .$returningId();
        ids.push(id);
      }
      const r = await t.api('GET', `/api/v1/nearby?lat=${c1.lat}&lng=${c1.lng}`);
      expect(r.body.date).toBe('2026-12-03');
      const titles = r.body.activities.filter((a: any) => ids.includes(a.id)).map((a: any) => a.title);
      expect(titles).toEqual(['今日太极']);
      expect(r.body.activities.find((a: any) => a.title === '今日太极')).toMatchObject({ complexId: 1, walkMinutes: expect.any(Number) });
      const far = await t.api('GET', '/api/v1/nearby?lat=30.40&lng=119.90');
      expect(far.body).toMatchObject({ facilities: [], spaces: [], activities: [] });
    } finally {
      t.clock.set(null);
      await t.deps.db.delete(activities).where(inArray(activities.id, ids));
    }
  });

  describe('with 10,000 facilities', () => {
    // A dedicated complex far from Xihu (in the Gobi), so no other test sees these rows.
    const CENTER = { lat: 40.1, lng: 94.6 };
    let complexId = 0;
    beforeAll(async () => {
      const name = `测试用远郊综合体-${process.pid}`;
      await t.deps.db.insert(complexes).values({ streetId: 1, name, mode: 'pearl_chain', address: '测试', lat: CENTER.lat, lng: CENTER.lng });
      [{ id: complexId }] = await t.deps.db.select({ id: complexes.id }).from(complexes).where(eq(complexes.name, name));
      // a 100 × 100 grid about 60 m apart (6 km × 6 km), slightly jittered
      const rows = [];
      for (let i = 0; i < 100; i++) {
        for (let j = 0; j < 100; j++) {
          const lat = CENTER.lat - 0.027 + i * 0.00054 + ((i * 7 + j * 3) % 10) * 0.000005;
          const lng = CENTER.lng - 0.035 + j * 0.0007 + ((i * 3 + j * 7) % 10) * 0.000005;
          rows.push({ complexId, name: `网格点 ${i}-${j}`, address: '测试', lat, lng });
        }
      }
      for (let k = 0; k < rows.length; k += 1000) await t.deps.db.insert(facilities).values(rows.slice(k, k + 1000));
      await t.deps.db.execute(sql`ANALYZE TABLE facilities`);
    });
    afterAll(async () => {
      await t.deps.db.delete(spaces).where(eq(spaces.complexId, complexId));
      await t.deps.db.delete(facilities).where(eq(facilities.complexId, complexId));
      await t.deps.db.delete(complexes).where(eq(complexes.id, complexId));
    });

    it('reads a range of the lat/lng index, never the whole table', async () => {
      const q = facilitiesWithin(t.deps.db, CENTER.lat, CENTER.lng, 800, 50).toSQL();
      const plan = await explain(t.deps.database.pool, q);
      expect(plan).toHaveLength(1);
      expect(plan[0].table).toBe('facilities');
      expect(['range', 'ref']).toContain(plan[0].type);
      expect(plan[0].key).toBe('facilities_lat_lng_idx');
      const [{ n }] = await t.deps.db.select({ n: sql<number>`count(*)` }).from(facilities);
      expect(Number(plan[0].rows)).toBeLessThan(Number(n));
      // what it really reads: the 1.6 km band of latitude (about 27 of the 100 grid rows), not 10,000
      const { examined, returned } = await rowsExamined(t.deps.database.pool, q);
      expect(returned).toBe(50);
      expect(examined).toBeLessThan(3500);
    });

    it('returns the nearest within reach, matching an independent haversine within 1%', async () => {
      const lat = CENTER.lat + 0.0031;
      const lng = CENTER.lng - 0.0047;
      const r = await t.api('GET', `/api/v1/nearby?lat=${lat}&lng=${lng}&minutes=5&limit=100`);
      expect(r.status).toBe(200);
      const mine = await t.deps.db.select().from(facilities).where(and(eq(facilities.complexId, complexId)));
      const expected = mine
        .map((f) => ({ id: f.id, d: independentHaversine(lat, lng, f.lat, f.lng) }))
        .filter((f) => f.d <= 400)
        .sort((a, b) => a.d - b.d);
      expect(expected.length).toBeGreaterThan(50);
      const got = r.body.facilities;
      expect(got).toHaveLength(Math.min(100, expected.length));
      // the same set (up to ties at the 1% edge), nearest first
      const gotIds = new Set(got.map((f: any) => f.id));
      const sure = expected.filter((f) => f.d <= 400 * 0.99).slice(0, got.length - 2);
      for (const f of sure) expect(gotIds.has(f.id)).toBe(true);
      for (const f of got) {
        const d = independentHaversine(lat, lng, f.lat, f.lng);
        expect(Math.abs(f.distanceM - d) / d).toBeLessThan(0.01);
      }
    });
  });
});
