import { startTestServer, type TestServer } from '../../../test/support/harness';
import { buildResident } from '../../../test/support/factories';
import { notify } from '../../domain/notifications/notify';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ WECHAT_TPL_BOOKING: 'tpl_b', WECHAT_TPL_OPINION: 'tpl_o' });
  t.clock.set('2028-01-10T09:00:00+08:00');
});
afterAll(() => t.close());

describe('我的资料: avatar, birth date, address', () => {
  it('saves and shows them; a wrong value names its field', async () => {
    const u = await buildResident(t);
    expect((await t.api('PATCH', '/api/v1/me', { body: { avatar: 'cup' } })).status).toBe(401);
    const r = await t.api('PATCH', '/api/v1/me', { token: u.token, body: { nickname: '张阿姨', avatar: 'cup', birthDate: '1950-03-08', address: '文三路 90 号 3 幢' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ nickname: '张阿姨', avatar: 'cup', birthDate: '1950-03-08', age: 77, address: '文三路 90 号 3 幢' });
    expect((await t.api('GET', '/api/v1/me', { token: u.token })).body).toMatchObject({ avatar: 'cup', birthDate: '1950-03-08' });
    const bad = await t.api('PATCH', '/api/v1/me', { token: u.token, body: { avatar: 'face.jpg', birthDate: '2030-01-01' } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toContain('avatar');
    const future = await t.api('PATCH', '/api/v1/me', { token: u.token, body: { birthDate: '2029-01-01' } });
    expect(future.body.error.details.fields).toEqual({ birthDate: '出生日期不能晚于今天' });
    expect((await t.api('PATCH', '/api/v1/me', { token: u.token, body: { avatar: null } })).body.avatar).toBeNull();
  });
});

describe('GET /api/v1/me/subscriptions', () => {
  it('lists the configured templates with the allowances left', async () => {
    const u = await buildResident(t);
    expect((await t.api('GET', '/api/v1/me/subscriptions')).status).toBe(401);
    expect((await t.api('GET', '/api/v1/me/subscriptions', { token: u.token })).body.items).toEqual([
      { templateId: 'tpl_b', topic: '活动和场地预约提醒', remaining: 0 },
      { templateId: 'tpl_o', topic: '意见办理进展', remaining: 0 },
    ]);
    expect((await t.api('POST', '/api/v1/me/subscriptions', { token: u.token, body: { templateIds: ['tpl_b'] } })).status).toBe(204);
    expect((await t.api('POST', '/api/v1/me/subscriptions', { token: u.token, body: { templateIds: ['tpl_x'] } })).status).toBe(422);
    expect((await t.api('GET', '/api/v1/me/subscriptions', { token: u.token })).body.items[0]).toEqual({ templateId: 'tpl_b', topic: '活动和场地预约提醒', remaining: 1 });
  });
});

describe('消息中心: unread count and read-all', () => {
  it('counts unread messages and marks them all read', async () => {
    const u = await buildResident(t);
    await notify(t.deps.db, u.id, { kind: 'test', title: '第一条' });
    await notify(t.deps.db, u.id, { kind: 'test', title: '第二条' });
    expect((await t.api('POST', '/api/v1/me/notifications/read-all')).status).toBe(401);
    const before = await t.api('GET', '/api/v1/me/notifications?limit=1&unread=1', { token: u.token });
    expect(before.body).toMatchObject({ unreadCount: 2, items: [{ title: '第二条', read: false }] });
    expect((await t.api('POST', '/api/v1/me/notifications/read-all', { token: u.token })).body).toEqual({ marked: 2 });
    const after = await t.api('GET', '/api/v1/me/notifications', { token: u.token });
    expect(after.body.unreadCount).toBe(0);
    expect(after.body.items.every((m: any) => m.read)).toBe(true);
  });
});
