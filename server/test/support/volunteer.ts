import { buildUser, buildWorker } from './factories';
import type { TestServer } from './harness';

/** Default worker of complex 1 per server, created once. */
const workers = new WeakMap<TestServer, Promise<{ id: number; token: string }>>();
export const worker1 = (t: TestServer) => {
  if (!workers.has(t)) workers.set(t, buildWorker(t, [1]));
  return workers.get(t)!;
};

/** A resident registered as a volunteer of the complex and approved by one of its workers. */
export async function buildVolunteer(t: TestServer, complexId = 1, realName = '张秀英') {
  const u = await buildUser(t);
  const reg = await t.api('POST', '/api/v1/volunteer/registrations', {
    token: u.token,
    body: { realName, skills: ['elder_care'], complexIds: [complexId], agreementAccepted: true, agreementVersion: '2026-11' },
  });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const w = complexId === 1 ? await worker1(t) : await buildWorker(t, [complexId]);
  const appId = reg.body.complexes.find((c: any) => c.complexId === complexId).id;
  const dec = await t.api('POST', `/api/v1/volunteer/applications/${appId}/decision`, { token: w.token, body: { approve: true } });
  if (dec.status !== 200) throw new Error(`approve: ${dec.status} ${JSON.stringify(dec.body)}`);
  return u;
}

/** Publishes a post at the complex through the API (as its worker), starting `inHours` from the clock. */
export async function buildPost(t: TestServer, o: { complexId?: number; positions?: number; inHours?: number; hours?: number; pointsPerHour?: number; token?: string } = {}) {
  const start = new Date(t.clock.now().getTime() + (o.inHours ?? 24) * 3600_000);
  const end = new Date(start.getTime() + (o.hours ?? 2) * 3600_000);
  const token = o.token ?? (await worker1(t)).token;
  const r = await t.api('POST', '/api/v1/volunteer-posts', {
    token,
    body: { complexId: o.complexId ?? 1, title: '助老助餐配送', startAt: start.toISOString(), endAt: end.toISOString(), positions: o.positions ?? 5, skills: ['elder_care'], ...(o.pointsPerHour !== undefined ? { pointsPerHour: o.pointsPerHour } : {}) },
  });
  if (r.status !== 201) throw new Error(`post: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { id: number; startAt: string; endAt: string; positions: number };
}

/** Gives a user points through the district-admin adjustment endpoint (the audited way). */
export async function grantPoints(t: TestServer, adminToken: string, userId: number, delta: number) {
  const r = await t.api('POST', '/api/v1/admin/points/adjustments', { token: adminToken, body: { userId, delta, reason: '测试发放积分' } });
  if (r.status !== 201) throw new Error(`grant: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
