import { buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';

/** Every new staff route refuses a missing token (401), a resident and a worker where it needs an admin (403). */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const ROUTES: Array<[method: string, path: string, body: unknown, adminOnly: boolean]> = [
  ['GET', '/api/v1/complexes/1/residents', undefined, false],
  ['POST', '/api/v1/complexes/1/residents/1/verify', {}, false],
  ['POST', '/api/v1/complexes/1/residents/1/revoke', {}, false],
  // POST /residency/scan: the code names the complex, so its 403 is tested with a real code (residency.test.ts)
  ['GET', '/api/v1/complexes/1/staff', undefined, false],
  ['POST', '/api/v1/staff', { phone: '13812349999', role: 'worker', complexIds: [1] }, true],
  ['PATCH', '/api/v1/staff/1', { complexIds: [1] }, true],
  ['DELETE', '/api/v1/staff/1', undefined, true],
  ['POST', '/api/v1/communities', { streetId: 1, name: '某某社区' }, true],
  ['PATCH', '/api/v1/communities/1', { name: '某某社区' }, true],
  ['POST', '/api/v1/complexes', { streetId: 1, name: '某某综合体', mode: 'flagship', address: '某路 1 号', lat: 30.28, lng: 120.1 }, true],
  ['PATCH', '/api/v1/complexes/1', { hotline: '1' }, true],
  ['POST', '/api/v1/complexes/1/facilities', { name: '点', address: '某路 2 号', lat: 30.2901, lng: 120.1152 }, true],
  ['PATCH', '/api/v1/facilities/1', { name: '点' }, true],
  ['DELETE', '/api/v1/facilities/1', undefined, true],
  ['POST', '/api/v1/facilities/1/spaces', { name: '空间', type: 'health' }, true],
  ['PATCH', '/api/v1/spaces/1', { capacity: 1 }, true],
  ['DELETE', '/api/v1/spaces/1', undefined, true],
  ['DELETE', '/api/v1/complexes/1/photos/1', undefined, false],
];

describe('new staff routes: 401 / 403', () => {
  it.each(ROUTES)('%s %s', async (method, path, body, adminOnly) => {
    expect((await t.api(method, path, { body })).status).toBe(401);
    const resident = await buildResident(t);
    expect((await t.api(method, path, { token: resident.token, body })).status).toBe(403);
    // a worker of another complex, and for admin-only routes even a worker of this one
    const worker = await buildWorker(t, [adminOnly ? 1 : 3]);
    expect((await t.api(method, path, { token: worker.token, body })).status).toBe(403);
  });
});
