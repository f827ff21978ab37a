import { and, eq } from 'drizzle-orm';
import { notifications, users } from '../../src/db/schema';
import { buildResident } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

type Who = { id: number; token: string; phone: string };
const ask = (family: Who, seniorPhone: string, extra: Record<string, unknown> = {}) =>
  t.api('POST', '/api/v1/family/links', { token: family.token, body: { seniorPhone, relation: '儿子', ...extra } });
const noticesOf = (userId: number) => t.deps.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'family_link')));

describe('family-link requests cannot be used to find or phish a senior', () => {
  it('answers the same for a registered and an unknown phone, and counts both against the limit', async () => {
    const senior = await buildResident(t);
    const family = await buildResident(t);
    const known = await ask(family, senior.phone);
    const unknown = await ask(family, '13300000001');
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    expect(known.body.link).toBeNull();
    expect((await t.api('POST', '/api/v1/family/links', { body: { seniorPhone: senior.phone, relation: '儿子' } })).status).toBe(401);
  });

  it('12 requests at once from one account: exactly 5 get through', async () => {
    const family = await buildResident(t);
    const seniors = await Promise.all(Array.from({ length: 12 }, () => buildResident(t)));
    const rs = await Promise.all(seniors.map((s) => ask(family, s.phone)));
    expect(rs.filter((r) => r.status === 202)).toHaveLength(5);
    const refused = rs.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    expect(refused.every((r) => r.body.error.code === 'rate_limited' && Number(r.headers.get('retry-after')) > 0)).toBe(true);
    const told = await Promise.all(seniors.map((s) => noticesOf(s.id)));
    expect(told.filter((n) => n.length > 0)).toHaveLength(5);
  });

  it('one notice per pending request, not one per repeat', async () => {
    const senior = await buildResident(t);
    const family = await buildResident(t);
    for (let i = 0; i < 4; i++) expect((await ask(family, senior.phone)).status).toBe(202);
    expect(await noticesOf(senior.id)).toHaveLength(1);
  });

  it('the relation comes from a fixed list; a nickname that imitates staff is not shown; the notice warns about the code', async () => {
    const senior = await buildResident(t);
    const family = await buildResident(t);
    const free = await ask(family, senior.phone, { relation: '社区民警' });
    expect(free.status).toBe(422);
    expect(free.body.error.details.fields).toHaveProperty('relation');
    await t.deps.db.update(users).set({ nickname: '社区工作人员小王' }).where(eq(users.id, family.id));
    expect((await ask(family, senior.phone, { relation: '女儿' })).status).toBe(202);
    const [n] = await noticesOf(senior.id);
    expect(n.title).not.toContain('工作人员');
    expect(n.title).not.toContain('小王');
    expect(n.title).toContain(`尾号 ${family.phone.slice(-4)}`);
    expect(n.title).toContain('女儿');
    expect(n.body).toContain('工作人员绝不会向您索要确认码');

    const honest = await buildResident(t);
    await t.deps.db.update(users).set({ nickname: '小芳' }).where(eq(users.id, honest.id));
    await ask(honest, senior.phone, { relation: '孙女' });
    const titles = (await noticesOf(senior.id)).map((x) => x.title);
    expect(titles.some((x) => x.includes('「小芳」') && x.includes('孙女'))).toBe(true);
  });

  it('wrong guesses from many accounts never void the senior’s own code', async () => {
    const senior = await buildResident(t);
    const family = await buildResident(t);
    const code = (await t.api('POST', '/api/v1/family/link-codes', { token: senior.token, body: {} })).body.code as string;
    const other = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const guessers = await Promise.all(Array.from({ length: 3 }, () => buildResident(t)));
    for (const g of guessers) for (let i = 0; i < 5; i++) expect((await ask(g, senior.phone, { code: other })).status).toBe(422);
    const ok = await ask(family, senior.phone, { code });
    expect(ok.status).toBe(202);
    expect(ok.body).toMatchObject({ status: 'linked', link: { status: 'active', seniorId: senior.id } });
  });
});
