import { gzipSync } from 'node:zlib';
import { buildResident, buildWorker } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';
import { submitOpinion } from '../support/opinions';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('small findings', () => {
  it('a nonexistent foreign key is 422 naming the field, not 500', async () => {
    const r = await buildResident(t);
    expect((await t.api('PATCH', '/api/v1/me', { body: { homeComplexId: 424242 } })).status).toBe(401);
    const res = await t.api('PATCH', '/api/v1/me', { token: r.token, body: { homeComplexId: 424242 } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.fields).toHaveProperty('homeComplexId');
    expect((await t.api('PATCH', '/api/v1/me', { token: r.token, body: { homeComplexId: 1 } })).status).toBe(200);
  });

  it('a malformed gzip body is 400; a good one is read', async () => {
    const r = await buildResident(t);
    const bad = await fetch(`${t.url}/api/v1/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from('this is not gzip at all'),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
    const good = await fetch(`${t.url}/api/v1/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ elderMode: true })),
    });
    expect(good.status).toBe(200);
  });

  it('405 answers carry the error envelope', async () => {
    const res = await t.api('DELETE', '/api/v1/streets');
    expect(res.status).toBe(405);
    expect(res.body.error).toMatchObject({ code: 'method_not_allowed', message: expect.any(String) });
    expect(res.headers.get('allow')).toContain('GET');
  });

  it('rejects the year 9999, birth dates in 1800 and nicknames with control characters', async () => {
    const worker = await buildWorker(t, [1]);
    const r = await buildResident(t);
    const act = await t.api('POST', '/api/v1/activities', {
      token: worker.token,
      body: { complexId: 1, title: '远未来', startAt: '9999-01-01T09:00:00+08:00', endAt: '9999-01-01T11:00:00+08:00', capacity: 5 },
    });
    expect(act.status).toBe(422);
    expect(act.body.error.details.fields).toHaveProperty('startAt');
    const birth = await t.api('PATCH', '/api/v1/me', { token: r.token, body: { birthDate: '1800-05-01' } });
    expect(birth.status).toBe(422);
    expect(birth.body.error.details.fields).toHaveProperty('birthDate');
    expect((await t.api('PATCH', '/api/v1/me', { token: r.token, body: { birthDate: '1941-05-01' } })).status).toBe(200);
    for (const nickname of ['张\u0000三', '李四\u0007', 'ab\u202ecd', '王\u200b五', '赵\n六']) {
      const res = await t.api('PATCH', '/api/v1/me', { token: r.token, body: { nickname } });
      expect(res.status).toBe(422);
      expect(res.body.error.details.fields).toHaveProperty('nickname');
    }
    expect((await t.api('PATCH', '/api/v1/me', { token: r.token, body: { nickname: '王 五' } })).status).toBe(200);
  });

  it('masks phone and ID numbers typed into a public opinion for everyone but the writer and staff', async () => {
    const writer = await buildResident(t);
    const other = await buildResident(t);
    const worker = await buildWorker(t, [1]);
    const id = await submitOpinion(t, writer.token, {
      title: '联系13912345678',
      content: '路灯坏了，请联系我 139 1234 5678，身份证 330106195203041528，家里座机 0571-87654321。',
    });
    const pub = await t.api('GET', `/api/v1/opinions/${id}`, { token: other.token });
    expect(pub.status).toBe(200);
    const seen = JSON.stringify(pub.body);
    for (const raw of ['13912345678', '139 1234 5678', '330106195203041528', '87654321']) expect(seen).not.toContain(raw);
    expect(pub.body.content).toContain('139****5678');
    expect(pub.body.content).toContain('330106********1528');
    expect(pub.body.title).toBe('联系139****5678');
    const list = await t.api('GET', '/api/v1/opinions?complexId=1&limit=100', { token: other.token });
    const item = list.body.items.find((i: any) => i.id === id);
    expect(item.title).toBe('联系139****5678');
    expect(item.excerpt).not.toContain('1234 5678');
    expect(JSON.stringify((await t.api('GET', `/api/v1/opinions/${id}`)).body)).not.toContain('330106195203041528');
    // the writer and staff see what was written
    expect((await t.api('GET', `/api/v1/opinions/${id}`, { token: writer.token })).body.content).toContain('330106195203041528');
    expect((await t.api('GET', `/api/v1/opinions/${id}`, { token: worker.token })).body.content).toContain('139 1234 5678');
  });
});
