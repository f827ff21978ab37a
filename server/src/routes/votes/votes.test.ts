import { and, eq } from 'drizzle-orm';
import { auditLogs, ballots, complexes } from '../../db/schema';
import { buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

let t: TestServer;
let worker: { id: number; token: string };
let c1: { id: number; streetId: number; communityId: number | null };
let farComplex: number;

const NOW = '2027-02-01T09:00:00+08:00';
const OPENS = '2027-02-01T08:00:00+08:00';
const CLOSES = '2027-02-03T20:00:00+08:00';

let admin: { id: number; token: string };

/** A resident whose home complex is `complexId`, claimed and verified (only verified homes vote). */
async function neighbour(complexId: number) {
  const u = await buildResident(t);
  const c = await t.api('PATCH', '/api/v1/me', { token: u.token, body: { homeComplexId: complexId } });
  if (c.status !== 200) throw new Error(`claim failed: ${c.status} ${JSON.stringify(c.body)}`);
  const r = await t.api('POST', `/api/v1/complexes/${complexId}/residents/${u.id}/verify`, { token: admin.token });
  if (r.status !== 200) throw new Error(`verify failed: ${r.status} ${JSON.stringify(r.body)}`);
  return u;
}

beforeAll(async () => {
  t = await startTestServer();
  t.clock.set(NOW);
  worker = await buildWorker(t, [1]);
  admin = await buildDistrictAdmin(t);
  const all = await t.deps.db.select().from(complexes);
  c1 = all.find((c) => c.id === 1)!;
  farComplex = all.find((c) => c.streetId !== c1.streetId)!.id;
});
afterAll(() => t.close());

const open = (over: Record<string, unknown> = {}, token = worker.token) =>
  t.api('POST', '/api/v1/votes', {
    token,
    body: { complexId: 1, question: '健身角选址', options: ['东门', '南门', '中心花园'], eligibility: { type: 'street', id: c1.streetId }, opensAt: OPENS, closesAt: CLOSES, ...over },
  });
const vote = (id: number, token: string, optionIds: number[]) => t.api('POST', `/api/v1/votes/${id}/ballots`, { token, body: { optionIds } });
const detail = (id: number, token?: string) => t.api('GET', `/api/v1/votes/${id}`, { token });

describe('votes (票决)', () => {
  it('are opened by the complex\'s staff for its own community, street or meetings', async () => {
    const resident = await buildResident(t);
    expect((await open({}, resident.token)).status).toBe(403);
    expect((await open({}, (await buildWorker(t, [farComplex])).token)).status).toBe(403);
    const otherStreet = (await t.deps.db.select().from(complexes).where(eq(complexes.id, farComplex)))[0].streetId;
    expect((await open({ eligibility: { type: 'street', id: otherStreet } })).body.error.details.fields['eligibility.id']).toBeDefined();
    expect((await open({ options: ['东门', '东门'] })).status).toBe(422);
    expect((await open({ options: ['东门'] })).status).toBe(422);
    expect((await open({ maxChoices: 4 })).body.error.details.fields.maxChoices).toBeDefined();
    expect((await open({ closesAt: OPENS })).status).toBe(422);
    const ok = await open();
    expect(ok.status).toBe(201);
    // The complex's own street or community when no id is given.
    const implicit = await open({ eligibility: { type: 'street' } });
    expect((await detail(implicit.body.id)).body.eligibility).toMatchObject({ type: 'street', id: c1.streetId });
    expect((await open({ eligibility: { type: 'meeting' } })).status).toBe(422);
    const audit = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'vote'), eq(auditLogs.targetId, String(ok.body.id))));
    expect(audit.map((a) => [a.action, a.actorId, a.detail])).toEqual([['vote.open', worker.id, { question: '健身角选址', options: ['东门', '南门', '中心花园'] }]]);
    // the entry names the options as stored, trimmed
    const padded = await open({ question: ' 健身角 ', options: [' 东门 ', '南门'] });
    const [entry] = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'vote'), eq(auditLogs.targetId, String(padded.body.id))));
    expect(entry.detail).toEqual({ question: '健身角', options: ['东门', '南门'] });
    expect((await detail(padded.body.id)).body.options.map((o: any) => o.label)).toEqual(['东门', '南门']);
  });

  it('takes one ballot per eligible person, even pressed many times at once', async () => {
    const { body: v } = await open();
    const opts = (await detail(v.id, worker.token)).body.options;
    const voters = await Promise.all(Array.from({ length: 15 }, () => neighbour(1)));
    const eager = voters[0];
    const rs = await Promise.all([
      ...Array.from({ length: 10 }, () => vote(v.id, eager.token, [opts[0].id])),
      ...voters.slice(1).map((u, i) => vote(v.id, u.token, [opts[i % 3].id])),
    ]);
    expect(rs.filter((r) => r.status === 201)).toHaveLength(15);
    const refused = rs.filter((r) => r.status !== 201);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array(9).fill([409, 'already_voted']));
    const rows = await t.deps.db.select().from(ballots).where(eq(ballots.voteId, v.id));
    expect(rows).toHaveLength(15);
    expect(new Set(rows.map((r) => r.userId)).size).toBe(15);
    const d = (await detail(v.id, worker.token)).body;
    expect(d.onlineBallots).toBe(15);
    expect(d.options.map((o: any) => o.onlineCount)).toEqual([1 + 5, 5, 4]);
    expect((await detail(v.id, eager.token)).body.myBallot).toEqual([opts[0].id]);
  });

  it('checks eligibility: street, community, attendees of a meeting', async () => {
    const { body: street } = await open();
    const opt = (await detail(street.id, worker.token)).body.options[0].id;
    const far = await neighbour(farComplex);
    const homeless = await buildResident(t);
    for (const u of [far, homeless]) {
      const r = await vote(street.id, u.token, [opt]);
      expect([r.status, r.body.error.code]).toEqual([403, 'residency_unverified']);
    }
    expect((await detail(street.id, far.token)).body.eligible).toBe(false);

    if (c1.communityId) {
      const { body: community } = await open({ eligibility: { type: 'community', id: c1.communityId } });
      const copt = (await detail(community.id, worker.token)).body.options[0].id;
      expect((await vote(community.id, (await neighbour(1)).token, [copt])).status).toBe(201);
      expect((await vote(community.id, far.token, [copt])).status).toBe(403);
    }

    const meeting = await t.api('POST', '/api/v1/meetings', {
      token: worker.token,
      body: { complexId: 1, type: 'council', topic: '议事', place: '议事厅', startAt: '2027-02-01T10:00:00+08:00', endAt: '2027-02-01T12:00:00+08:00', capacity: 10 },
    });
    const { body: mv } = await open({ eligibility: { type: 'meeting', id: meeting.body.id }, meetingId: meeting.body.id });
    const mopt = (await detail(mv.id, worker.token)).body.options[0].id;
    const attendee = await buildResident(t);
    const absentee = await neighbour(1);
    for (const u of [attendee, absentee]) await t.api('POST', `/api/v1/meetings/${meeting.body.id}/signups`, { token: u.token });
    const code = (await t.api('GET', `/api/v1/meetings/${meeting.body.id}/venue-code`, { token: worker.token })).body.code;
    await t.api('POST', `/api/v1/meetings/${meeting.body.id}/checkin`, { token: attendee.token, body: { code } });
    expect((await vote(mv.id, attendee.token, [mopt])).status).toBe(201);
    expect((await vote(mv.id, absentee.token, [mopt])).body.error.code).toBe('not_eligible');
  });

  it('limits choices, refuses foreign options and respects the open window', async () => {
    const { body: multi } = await open({ maxChoices: 2 });
    const opts = (await detail(multi.id, worker.token)).body.options.map((o: any) => o.id);
    const u = await neighbour(1);
    expect((await vote(multi.id, u.token, opts)).body.error.details.fields.optionIds).toMatch(/最多选 2 项/);
    expect((await vote(multi.id, u.token, [opts[0], opts[0]])).status).toBe(422);
    expect((await vote(multi.id, u.token, [opts[0] + 10_000])).status).toBe(422);
    expect((await vote(multi.id, u.token, [opts[2], opts[0]])).body.optionIds).toEqual([opts[0], opts[2]]);

    const { body: later } = await open({ opensAt: '2027-02-02T08:00:00+08:00' });
    const lopt = (await detail(later.id, worker.token)).body.options[0].id;
    expect((await vote(later.id, u.token, [lopt])).body.error.code).toBe('vote_not_open');
    t.clock.set(CLOSES);
    try {
      expect((await vote(later.id, u.token, [lopt])).body.error.code).toBe('vote_closed');
    } finally {
      t.clock.set(NOW);
    }
  });

  it('hides results until the close (unless live) and adds paper tallies beside the online count', async () => {
    const { body: hidden } = await open();
    const { body: live } = await open({ resultsVisibility: 'live' });
    const u = await neighbour(1);
    const hopts = (await detail(hidden.id, worker.token)).body.options;
    await vote(hidden.id, u.token, [hopts[1].id]);
    const seen = (await detail(hidden.id, u.token)).body;
    expect(seen).toMatchObject({ resultsVisible: false, onlineBallots: null, state: 'open' });
    expect(seen.options[0]).toEqual({ id: hopts[0].id, label: '东门' });
    expect((await detail(live.id, u.token)).body.options[0]).toMatchObject({ onlineCount: 0, paperCount: 0, total: 0 });

    const tally = (token: string, counts: unknown) => t.api('POST', `/api/v1/votes/${hidden.id}/paper-tallies`, { token, body: { counts, note: '现场纸质票' } });
    expect((await tally(u.token, [{ optionId: hopts[0].id, count: 3 }])).status).toBe(403);
    expect((await tally(worker.token, [{ optionId: hopts[0].id + 10_000, count: 3 }])).status).toBe(422);
    expect((await tally(worker.token, [{ optionId: hopts[0].id, count: -1 }])).status).toBe(422);
    await tally(worker.token, [{ optionId: hopts[0].id, count: 12 }, { optionId: hopts[1].id, count: 4 }]);
    const after = (await tally(worker.token, [{ optionId: hopts[1].id, count: 1 }])).body;
    expect(after.options.map((o: any) => [o.onlineCount, o.paperCount, o.total])).toEqual([[0, 12, 12], [1, 5, 6], [0, 0, 0]]);
    const audit = await t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.targetType, 'vote'), eq(auditLogs.targetId, String(hidden.id)), eq(auditLogs.action, 'vote.paper_tally')));
    expect(audit.map((a) => [a.actorId, a.detail])).toEqual([
      [worker.id, { counts: [{ optionId: hopts[0].id, count: 12 }, { optionId: hopts[1].id, count: 4 }], note: '现场纸质票' }],
      [worker.id, { counts: [{ optionId: hopts[1].id, count: 1 }], note: '现场纸质票' }],
    ]);
    expect((await detail(hidden.id, u.token)).body.resultsVisible).toBe(false);
    t.clock.set(CLOSES);
    try {
      const closed = (await detail(hidden.id, u.token)).body;
      expect(closed).toMatchObject({ state: 'closed', resultsVisible: true, onlineBallots: 1 });
      expect(closed.options.map((o: any) => o.total)).toEqual([12, 6, 0]);
    } finally {
      t.clock.set(NOW);
    }
  });
});
