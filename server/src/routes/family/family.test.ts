import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { assertCanActFor } from '../../domain/family/access';
import { buildResident } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

type Who = { id: number; token: string; phone: string };

async function buildSenior(): Promise<Who> {
  const s = await buildResident(t);
  await t.deps.db.update(users).set({ homeComplexId: 1, address: '文新街道阳光社区 8 幢 302' }).where(eq(users.id, s.id));
  return s;
}

const requestLink = (family: Who, senior: Who, extra: Record<string, unknown> = {}) =>
  t.api('POST', '/api/v1/family/links', { token: family.token, body: { seniorPhone: senior.phone, relation: '女儿', ...extra } });
const issueCode = (senior: Who, linkId?: number) => t.api('POST', '/api/v1/family/link-codes', { token: senior.token, body: linkId ? { linkId } : {} });
const confirm = (family: Who, linkId: number, code: string) => t.api('POST', `/api/v1/family/links/${linkId}/confirm`, { token: family.token, body: { code } });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('family proxy (亲情代办)', () => {
  it('links only with the code from the senior’s own device; then the family member acts for the senior, visibly', async () => {
    const senior = await buildSenior();
    const family = await buildResident(t);
    expect((await t.api('POST', '/api/v1/family/links', { body: { seniorPhone: senior.phone } })).status).toBe(401);
    expect((await t.api('POST', '/api/v1/family/links', { token: family.token, body: { seniorPhone: '12345' } })).status).toBe(422);
    // an unknown phone gets the very answer a registered one gets
    const unknown = await t.api('POST', '/api/v1/family/links', { token: family.token, body: { seniorPhone: '13311112222', relation: '女儿' } });
    expect(unknown.status).toBe(202);
    expect((await requestLink(family, family)).status).toBe(422);

    const req = await requestLink(family, senior);
    expect(req.status).toBe(202);
    expect(req.body).toEqual(unknown.body);
    // the family member sees nothing of the senior until the senior agrees
    expect((await t.api('GET', '/api/v1/family/links', { token: family.token })).body.items).toEqual([]);
    const linkId = (await t.api('GET', '/api/v1/family/links', { token: senior.token })).body.items[0].id;

    // pending is not linked: the senior's data does not exist for the family member
    expect((await t.api('GET', `/api/v1/family/${senior.id}/points`, { token: family.token })).status).toBe(404);
    expect((await t.api('POST', '/api/v1/care-requests', { token: family.token, body: { kind: 'meal', seniorId: senior.id } })).status).toBe(404);
    // the code comes only from the senior's device: the family member cannot issue it
    expect((await issueCode(family, linkId)).status).toBe(404);
    expect((await confirm(family, linkId, '000000')).body.error.code).toBe('code_invalid');

    const seniorView = await t.api('GET', '/api/v1/family/links', { token: senior.token });
    expect(seniorView.body.items).toEqual([expect.objectContaining({ id: linkId, as: 'senior', status: 'pending', other: expect.objectContaining({ id: family.id }) })]);
    const issued = await issueCode(senior, linkId);
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^\d{6}$/);
    const stranger = await buildResident(t);
    expect((await confirm(stranger, linkId, issued.body.code)).status).toBe(404);
    const ok = await confirm(family, linkId, issued.body.code);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('active');
    expect((await confirm(family, linkId, issued.body.code)).body.error.code).toBe('already_linked');
    await expect(assertCanActFor(t.deps.db, family.id, senior.id)).resolves.toBeUndefined();
    await expect(assertCanActFor(t.deps.db, stranger.id, senior.id)).rejects.toMatchObject({ status: 404 });

    // acting for the senior
    const care = await t.api('POST', '/api/v1/care-requests', { token: family.token, body: { kind: 'medical', seniorId: senior.id, note: '配降压药' } });
    expect(care.status).toBe(201);
    expect(care.body).toMatchObject({ onBehalf: true, senior: { id: senior.id }, requestedBy: { id: family.id }, address: '文新街道阳光社区 8 幢 302' });
    const pts = await t.api('GET', `/api/v1/family/${senior.id}/points`, { token: family.token });
    expect(pts.status).toBe(200);
    expect(pts.body.balance).toBe(0);
    const list = await t.api('GET', `/api/v1/family/${senior.id}/care-requests`, { token: family.token });
    expect(list.body.items.map((r: any) => r.id)).toEqual([care.body.id]);
    expect((await t.api('GET', '/api/v1/me/care-requests', { token: senior.token })).body.items.map((r: any) => r.id)).toEqual([care.body.id]);

    // …and the senior sees every proxy action
    const seen = await t.api('GET', '/api/v1/me/proxy-actions', { token: senior.token });
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((a: any) => a.action)).toEqual(['care.view', 'points.view', 'care.request']);
    expect(seen.body.items.every((a: any) => a.actor.id === family.id)).toBe(true);
    expect(seen.body.items[2].summary).toBe('代为申请助医');
    expect((await t.api('GET', '/api/v1/me/proxy-actions', { token: family.token })).body.items).toEqual([]);

    // the family member may cancel for the senior (a proxy action too)
    const cancel = await t.api('POST', `/api/v1/care-requests/${care.body.id}/cancel`, { token: family.token, body: { reason: '已自己去医院' } });
    expect(cancel.body.status).toBe('cancelled');
    expect((await t.api('GET', '/api/v1/me/proxy-actions', { token: senior.token })).body.items[0].action).toBe('care.cancel');

    // the senior unlinks: from now on 404 everywhere
    const unlink = await t.api('POST', `/api/v1/family/links/${linkId}/unlink`, { token: senior.token });
    expect(unlink.body.status).toBe('revoked');
    expect((await t.api('GET', `/api/v1/family/${senior.id}/points`, { token: family.token })).status).toBe(404);
    expect((await t.api('GET', `/api/v1/family/${senior.id}/care-requests`, { token: family.token })).status).toBe(404);
    expect((await t.api('GET', `/api/v1/care-requests/${care.body.id}`, { token: family.token })).status).toBe(404);
    expect((await t.api('GET', `/api/v1/care/profile?seniorId=${senior.id}`, { token: family.token })).status).toBe(404);
    expect((await t.api('POST', `/api/v1/family/links/${linkId}/unlink`, { token: senior.token })).body.error.code).toBe('link_not_active');
  });

  it('accepts a code the senior generated first, with the senior’s phone', async () => {
    const senior = await buildSenior();
    const family = await buildResident(t);
    const code = (await issueCode(senior)).body.code;
    const bad = await requestLink(family, senior, { code: wrong(code) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('code_invalid');
    // a phone nobody uses: the same answer as a wrong code
    const nobody = await t.api('POST', '/api/v1/family/links', { token: family.token, body: { seniorPhone: '13311112223', relation: '女儿', code } });
    expect([nobody.status, nobody.body]).toEqual([422, bad.body]);
    const good = await requestLink(family, senior, { code });
    expect(good.status).toBe(202);
    expect(good.body).toMatchObject({ status: 'linked', link: { status: 'active', seniorId: senior.id, relation: '女儿' } });
    expect((await requestLink(family, senior, { code })).body.error.code).toBe('already_linked');
  });

  it('expires codes after 10 minutes; wrong guesses lock out the guesser, never the senior’s code', async () => {
    const senior = await buildSenior();
    const family = await buildResident(t);
    const stranger = await buildResident(t);
    await requestLink(family, senior);
    const linkId = (await t.api('GET', '/api/v1/family/links', { token: senior.token })).body.items[0].id;
    t.clock.set('2026-12-02T02:00:00Z');
    try {
      const old = (await issueCode(senior, linkId)).body;
      expect(old.expiresAt).toBe('2026-12-02T02:10:00.000Z');
      t.clock.set('2026-12-02T02:10:00Z');
      expect((await confirm(family, linkId, old.code)).body.error.code).toBe('code_invalid');

      // a stranger guesses an open code of the senior: 5 wrong, then they are refused
      const open = (await issueCode(senior)).body.code;
      for (let i = 0; i < 5; i++) expect((await requestLink(stranger, senior, { code: wrong(open) })).status).toBe(422);
      const locked = await requestLink(stranger, senior, { code: open });
      expect([locked.status, locked.body.error.code]).toEqual([429, 'rate_limited']);
      expect(locked.headers.get('retry-after')).toBe('3600');
      // …and the senior's code still works for the family member the senior gave it to
      const fresh = (await issueCode(senior, linkId)).body.code;
      expect((await confirm(family, linkId, fresh)).body.status).toBe('active');
    } finally {
      t.clock.set(null);
    }
  });

  it('rate limits codes per senior and link requests per family member', async () => {
    const senior = await buildSenior();
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(await issueCode(senior));
    expect(codes.every((c) => c.status === 201)).toBe(true);
    const sixth = await issueCode(senior);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error.code).toBe('rate_limited');

    const family = await buildResident(t);
    for (let i = 0; i < 5; i++) expect((await requestLink(family, await buildSenior())).status).toBe(202);
    expect((await requestLink(family, await buildSenior())).status).toBe(429);
  });

  it('keeps one link per pair and the live-code limit when requests come at once', async () => {
    const senior = await buildSenior();
    const family = await buildResident(t);
    const asks = await Promise.all(Array.from({ length: 5 }, () => requestLink(family, senior)));
    expect(asks.map((r) => r.status)).toEqual(Array(5).fill(202));
    expect((await t.api('GET', '/api/v1/family/links', { token: senior.token })).body.items).toHaveLength(1);
    const issued = await Promise.all(Array.from({ length: 10 }, () => issueCode(senior)));
    expect(issued.filter((r) => r.status === 201)).toHaveLength(5);
    expect(issued.filter((r) => r.status === 429)).toHaveLength(5);
  });

  it('lets the senior decline a request', async () => {
    const senior = await buildSenior();
    const family = await buildResident(t);
    await requestLink(family, senior);
    const linkId = (await t.api('GET', '/api/v1/family/links', { token: senior.token })).body.items[0].id;
    const declined = await t.api('POST', `/api/v1/family/links/${linkId}/unlink`, { token: senior.token });
    expect(declined.body.status).toBe('declined');
    expect((await issueCode(senior, linkId)).body.error.code).toBe('link_not_pending');
    expect((await t.api('GET', '/api/v1/family/links', { token: family.token })).body.items).toEqual([]);
  });
});
