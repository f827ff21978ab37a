import { and, eq } from 'drizzle-orm';
import { auditLogs, helpRequests, pointsEntries } from '../../db/schema';
import { expireHelpRequests } from '../../domain/helping/requests';
import { checkLedgerInvariant } from '../../domain/points/invariant';
import { buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { helpBody, linkFamily, points, verifiedResident } from '../../../test/support/helping';

let t: TestServer;
let worker: { id: number; token: string };
const NOW = '2027-05-10T09:00:00+08:00';

beforeAll(async () => {
  t = await startTestServer();
  t.clock.set(NOW);
  worker = await buildWorker(t, [1]);
});
afterAll(() => t.close());

const post = (token: string, o: Record<string, unknown> = {}) => t.api('POST', '/api/v1/help-requests', { token, body: helpBody(t, o) });
const act = (id: number, what: string, token?: string, body?: unknown) => t.api('POST', `/api/v1/help-requests/${id}/${what}`, { token, body });
const get = (id: number, token?: string) => t.api('GET', `/api/v1/help-requests/${id}`, { token });

describe('邻里互助: the whole path', () => {
  it('post holds (not debits) → take → confirm → done moves the points in two entries → each side rates once', async () => {
    const req = await verifiedResident(t, worker.token);
    const helper = await verifiedResident(t, worker.token);
    const before = await points(t, req.token);
    expect(before).toMatchObject({ balance: 20, held: 0, available: 20 });
    expect(before.items.map((i) => i.reason)).toContain('welcome');

    const p = await post(req.token, { address: '阳光社区 5 幢 1 单元 402', roughPlace: '阳光社区 5 幢附近' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ status: 'open', points: 10, address: '阳光社区 5 幢 1 单元 402', side: 'requester' });
    const id = p.body.id as number;
    // held: the balance is unchanged (no entry), 10 are not available
    const held = await points(t, req.token);
    expect(held).toMatchObject({ balance: 20, held: 10, available: 10 });
    expect(held.items.length).toBe(before.items.length);

    // before the match: a rough place only, a masked name, no contact
    const seen = await get(id, helper.token);
    expect(seen.body).toMatchObject({ address: null, roughPlace: '阳光社区 5 幢附近', contact: null, side: 'other' });
    expect(seen.body.actions).toEqual(['take']);
    expect(seen.body.requester.name).toMatch(/\*|^.$/);

    const took = await act(id, 'take', helper.token);
    expect([took.status, took.body.status]).toEqual([200, 'taken']);
    // taken but not confirmed: still no address for the helper
    expect((await get(id, helper.token)).body.address).toBeNull();
    expect((await act(id, 'done', req.token)).body.error.code).toBe('not_matched');

    const m = await act(id, 'confirm-match', req.token);
    expect(m.body).toMatchObject({ status: 'matched' });
    expect(m.body.contact).not.toBeNull();
    const helperView = await get(id, helper.token);
    expect(helperView.body).toMatchObject({ address: '阳光社区 5 幢 1 单元 402', side: 'helper' });
    expect(helperView.body.contact.phoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    // someone else still sees no address after the match
    const other = await verifiedResident(t, worker.token);
    expect((await get(id, other.token)).body).toMatchObject({ address: null, contact: null });
    // staff of the complex see it
    expect((await get(id, worker.token)).body.address).toBe('阳光社区 5 幢 1 单元 402');
    // only the requester's side confirms done
    expect((await act(id, 'done', helper.token)).status).toBe(404);

    const d = await act(id, 'done', req.token);
    expect(d.body).toMatchObject({ status: 'done', actions: ['rate'] });
    expect(await points(t, req.token)).toMatchObject({ balance: 10, held: 0, available: 10 });
    expect((await points(t, helper.token)).balance).toBe(30);
    const entries = await t.deps.db.select().from(pointsEntries).where(eq(pointsEntries.source, `help:${id}`));
    expect(entries.map((e) => [e.userId, e.reason, e.delta]).sort()).toEqual([[helper.id, 'help_earned', 10], [req.id, 'help_paid', -10]].sort());
    // closed: the address is hidden from the helper again
    expect((await get(id, helper.token)).body.address).toBeNull();
    // done twice pays nothing more
    expect((await act(id, 'done', req.token)).status).toBe(200);
    expect((await points(t, helper.token)).balance).toBe(30);

    expect((await act(id, 'ratings', req.token, { stars: 5, comment: '非常耐心' })).status).toBe(201);
    expect((await act(id, 'ratings', req.token, { stars: 4 })).body.error.code).toBe('already_rated');
    expect((await act(id, 'ratings', helper.token, { stars: 5, comment: '阿姨人很好' })).status).toBe(201);
    expect((await act(id, 'ratings', other.token, { stars: 1 })).status).toBe(404);
    expect((await get(id, req.token)).body.myRating).toEqual({ stars: 5, comment: '非常耐心' });
    const inv = await checkLedgerInvariant(t.deps.db, [req.id, helper.id]);
    expect(inv.violations).toEqual([]);
  });

  it('refusals: unverified, another complex, over the cap, more than available, own request, bad window, content check', async () => {
    const plain = await buildResident(t);
    expect((await post(plain.token)).status).toBe(403);
    expect((await post(plain.token)).body.error.code).toBe('residency_unverified');
    expect((await t.api('POST', '/api/v1/help-requests', { body: helpBody(t) })).status).toBe(401);
    const req = await verifiedResident(t, worker.token);
    expect((await post(req.token, { complexId: 2 })).body.error.code).toBe('not_resident_here');
    expect((await post(req.token, { points: 51 })).status).toBe(422);
    expect((await post(req.token, { from: helpBody(t).to, to: helpBody(t).from })).status).toBe(422);
    const r = await post(req.token, { title: '代买彩票 六合彩' });
    expect([r.status, r.body.error.code]).toEqual([422, 'content_rejected']);
    expect((await post(req.token, { points: 15 })).status).toBe(201);
    const short = await post(req.token, { points: 10 });
    expect([short.status, short.body.error.code]).toEqual([409, 'insufficient_points']);
    const mine = await post(req.token, { points: 5 });
    expect((await act(mine.body.id, 'take', req.token)).body.error.code).toBe('own_request');
    expect((await act(mine.body.id, 'take', plain.token)).body.error.code).toBe('residency_unverified');
    // a redemption or transfer may not spend held points either: nothing is available now
    expect((await points(t, req.token)).available).toBe(0);
  });

  it('cancel: before the match alone (released); after the match both must agree; a helper who only took it withdraws', async () => {
    const req = await verifiedResident(t, worker.token);
    const helper = await verifiedResident(t, worker.token);
    const a = (await post(req.token, { points: 5 })).body.id;
    expect((await act(a, 'cancel', helper.token)).status).toBe(404);
    expect((await act(a, 'cancel', req.token)).body.status).toBe('cancelled');
    expect(await points(t, req.token)).toMatchObject({ balance: 20, held: 0 });

    const b = (await post(req.token, { points: 5 })).body.id;
    await act(b, 'take', helper.token);
    const w = await act(b, 'cancel', helper.token);
    expect([w.body.status, w.body.helper]).toEqual(['open', null]);

    await act(b, 'take', helper.token);
    await act(b, 'confirm-match', req.token);
    const ask = await act(b, 'cancel', req.token);
    expect(ask.body).toMatchObject({ status: 'matched', cancelAsked: 'by_me' });
    expect((await get(b, helper.token)).body.cancelAsked).toBe('by_other');
    expect((await points(t, req.token)).held).toBe(5);
    expect((await act(b, 'cancel', req.token)).body.status).toBe('matched'); // asking twice is not agreeing
    const agreed = await act(b, 'cancel', helper.token);
    expect(agreed.body.status).toBe('cancelled');
    expect(await points(t, req.token)).toMatchObject({ balance: 20, held: 0 });
    expect((await get(b, helper.token)).body.address).toBeNull();
  });

  it('decline-match reopens; 50 helpers at once → exactly one match, the rest 409 already_taken', async () => {
    const req = await verifiedResident(t, worker.token);
    const id = (await post(req.token, { points: 5 })).body.id;
    const helpers = [];
    for (let b = 0; b < 5; b++) helpers.push(...(await Promise.all(Array.from({ length: 10 }, () => verifiedResident(t, worker.token)))));
    const rs = await Promise.all(helpers.map((h) => act(id, 'take', h.token)));
    const won = rs.filter((r) => r.status === 200);
    const lost = rs.filter((r) => r.status === 409);
    expect(won.length).toBe(1);
    expect(lost.length).toBe(49);
    expect(new Set(lost.map((r) => r.body.error.code))).toEqual(new Set(['already_taken']));
    const [row] = await t.deps.db.select().from(helpRequests).where(eq(helpRequests.id, id));
    expect(row.helperId).toBe(won[0].body.helper.id);
    const dec = await act(id, 'decline-match', req.token);
    expect([dec.body.status, dec.body.helper]).toEqual(['open', null]);
  });

  it('a requester posting 12 at once never holds more than the balance', async () => {
    const req = await verifiedResident(t, worker.token); // 20 points
    const rs = await Promise.all(Array.from({ length: 12 }, (_, i) => post(req.token, { points: 3, title: `帮忙取快递 ${i}` })));
    expect(rs.filter((r) => r.status === 201).length).toBe(6);
    expect(rs.filter((r) => r.status === 409).every((r) => r.body.error.code === 'insufficient_points')).toBe(true);
    expect(rs.filter((r) => r.status === 409).length).toBe(6);
    expect(await points(t, req.token)).toMatchObject({ balance: 20, held: 18, available: 2 });
    expect((await checkLedgerInvariant(t.deps.db, [req.id])).violations).toEqual([]);
  });

  it('expiry with a frozen clock releases the hold; a matched one does not expire', async () => {
    const req = await verifiedResident(t, worker.token);
    const helper = await verifiedResident(t, worker.token);
    const a = (await post(req.token, { points: 4 })).body.id;
    const b = (await post(req.token, { points: 6 })).body.id;
    await act(b, 'take', helper.token);
    await act(b, 'confirm-match', req.token);
    await expireHelpRequests(t.deps.db, t.clock.now()); // other suites' requests may expire; ours are within their window
    expect((await get(a, req.token)).body.status).toBe('open');
    t.clock.advance(7 * 3600_000); // past the 6-hour window
    try {
      expect((await act(a, 'take', helper.token)).body.error.code).toBe('request_expired');
      await expireHelpRequests(t.deps.db, t.clock.now());
      expect((await get(a, req.token)).body.status).toBe('expired');
      expect((await get(b, req.token)).body.status).toBe('matched');
      expect(await points(t, req.token)).toMatchObject({ balance: 20, held: 6 });
      // a rerun is quiet
      await expireHelpRequests(t.deps.db, t.clock.now());
      expect((await points(t, req.token)).held).toBe(6);
      const [log] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'help.expire'), eq(auditLogs.targetId, String(a))));
      expect(log).toBeDefined();
    } finally {
      t.clock.set(NOW);
    }
  });

  it('dispute → a worker decides (audited); refund with a no-show twice suspends the helper', async () => {
    const helper = await verifiedResident(t, worker.token);
    const outsider = await buildWorker(t, [2]);
    const disputes: number[] = [];
    for (let i = 0; i < 2; i++) {
      const req = await verifiedResident(t, worker.token);
      const id = (await post(req.token, { points: 5 })).body.id;
      await act(id, 'take', helper.token);
      expect((await act(id, 'dispute', req.token, { reason: '短' })).status).toBe(422);
      expect((await act(id, 'dispute', req.token, { reason: '帮手没有按约定时间到场' })).status).toBe(409); // not matched yet
      await act(id, 'confirm-match', req.token);
      const d = await act(id, 'dispute', req.token, { reason: '帮手没有按约定时间到场' });
      expect(d.body).toMatchObject({ status: 'disputed', dispute: { reason: '帮手没有按约定时间到场', decision: null } });
      expect((await act(id, 'done', req.token)).body.error.code).toBe('not_matched');
      expect((await act(id, 'decide', req.token, { decision: 'refund', note: '核实未到场' })).status).toBe(403);
      expect((await act(id, 'decide', outsider.token, { decision: 'refund', note: '核实未到场' })).status).toBe(403);
      expect((await act(id, 'decide', undefined, { decision: 'refund', note: '核实未到场' })).status).toBe(401);
      expect((await get(id, worker.token)).body.actions).toEqual(['decide']);
      const dec = await act(id, 'decide', worker.token, { decision: 'refund', note: '电话核实帮手未到场', helperNoShow: true });
      expect(dec.body).toMatchObject({ status: 'cancelled', dispute: { decision: 'refund', note: '电话核实帮手未到场' } });
      expect(await points(t, req.token)).toMatchObject({ balance: 20, held: 0 });
      const [log] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'help.decide'), eq(auditLogs.targetId, String(id))));
      expect(log).toMatchObject({ actorId: worker.id });
      expect(log.detail).toMatchObject({ decision: 'refund', note: '电话核实帮手未到场', helperNoShow: true });
      disputes.push(id);
    }
    const req = await verifiedResident(t, worker.token);
    const next = (await post(req.token, { points: 5 })).body.id;
    const s = await act(next, 'take', helper.token);
    expect([s.status, s.body.error.code]).toEqual([403, 'helping_suspended']);
    expect(s.body.error.details.until).toBeDefined();

    // pay_helper settles to the helper
    const h2 = await verifiedResident(t, worker.token);
    await act(next, 'take', h2.token);
    await act(next, 'confirm-match', req.token);
    await act(next, 'dispute', h2.token, { reason: '对方一直不确认完成' });
    const paid = await act(next, 'decide', worker.token, { decision: 'pay_helper', note: '核实已经完成' });
    expect(paid.body.status).toBe('done');
    expect((await points(t, h2.token)).balance).toBe(25);
  });

  it('亲情代办: family posts for the senior (audited on her proxy list); the senior confirms done', async () => {
    const senior = await verifiedResident(t, worker.token);
    const family = await buildResident(t);
    const stranger = await buildResident(t);
    const helper = await verifiedResident(t, worker.token);
    expect((await post(family.token, { forUserId: senior.id })).status).toBe(404);
    await linkFamily(t, senior.id, family.id);
    expect((await post(stranger.token, { forUserId: senior.id })).status).toBe(404);
    const p = await post(family.token, { forUserId: senior.id, category: 'escort' });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ postedByFamily: true, requester: { id: senior.id }, side: 'requester' });
    expect(await points(t, senior.token)).toMatchObject({ held: 10 });
    const proxy = await t.api('GET', '/api/v1/me/proxy-actions', { token: senior.token });
    expect(JSON.stringify(proxy.body)).toContain('代为发布互助求助');
    expect((await act(p.body.id, 'take', family.token)).body.error.code).toBe('own_request');
    await act(p.body.id, 'take', helper.token);
    const m = await act(p.body.id, 'confirm-match', family.token);
    expect(m.body.status).toBe('matched');
    const [log] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, 'help.confirm_match.proxy'), eq(auditLogs.targetId, String(p.body.id))));
    expect(log).toMatchObject({ actorId: family.id, onBehalfOf: senior.id });
    expect((await act(p.body.id, 'done', senior.token)).body.status).toBe('done');
    expect((await points(t, senior.token)).balance).toBe(10);
    const mine = await t.api('GET', '/api/v1/me/help-requests?as=requester', { token: family.token });
    expect(mine.body.items.map((i: any) => i.id)).toContain(p.body.id);
    const helping = await t.api('GET', '/api/v1/me/help-requests?as=helper', { token: helper.token });
    expect(helping.body.items.map((i: any) => i.id)).toEqual([p.body.id]);
  });

  it('the list: open ones nearest first with rounded distances, no addresses; other states only one\'s own or for staff', async () => {
    const req = await verifiedResident(t, worker.token);
    const far = (await post(req.token, { points: 2, lat: 30.3, lng: 120.2, title: '远一点的求助' })).body.id;
    const near = (await post(req.token, { points: 2, lat: 30.2801, lng: 120.1501, title: '近一点的求助' })).body.id;
    const viewer = await verifiedResident(t, worker.token);
    const r = await t.api('GET', '/api/v1/help-requests?complexId=1&lat=30.28&lng=120.15&limit=100', { token: viewer.token });
    expect(r.status).toBe(200);
    const ids = r.body.items.map((i: any) => i.id);
    expect(ids.indexOf(near)).toBeLessThan(ids.indexOf(far));
    const n = r.body.items.find((i: any) => i.id === near);
    expect(n.distanceM % 100).toBe(0);
    expect(r.body.items.every((i: any) => i.address === null || i.side !== 'other')).toBe(true);
    const ds = r.body.items.map((i: any) => i.distanceM);
    expect([...ds].sort((a: number, b: number) => a - b)).toEqual(ds);
    expect((await t.api('GET', '/api/v1/help-requests')).status).toBe(401);
    await act(near, 'cancel', req.token);
    const cancelledForViewer = await t.api('GET', '/api/v1/help-requests?complexId=1&status=cancelled&limit=100', { token: viewer.token });
    expect(cancelledForViewer.body.items.map((i: any) => i.id)).not.toContain(near);
    const cancelledForStaff = await t.api('GET', '/api/v1/help-requests?complexId=1&status=cancelled&limit=100', { token: worker.token });
    expect(cancelledForStaff.body.items.map((i: any) => i.id)).toContain(near);
  });
});
