import { and, eq } from 'drizzle-orm';
import { notifications } from '../../src/db/schema';
import { buildResident, buildWorker } from '../support/factories';
import { startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const post = (token: string, i: number, complexId: number) =>
  t.api('POST', '/api/v1/opinions', { token, body: { category: '环境卫生', title: `第${i}条意见`, content: `楼道第${i}处需要清理`, complexId } });
const inboxOf = (userId: number) => t.deps.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'opinion_inbox')));

describe('repeated notifications fold into one', () => {
  it('30 opinions at once are one unread line in the worker’s inbox ("30 条新意见"); after reading, a new line starts', async () => {
    // complex 7: no other test of this file writes there
    const worker = await buildWorker(t, [7]);
    const resident = await buildResident(t);
    const rs = await Promise.all(Array.from({ length: 30 }, (_, i) => post(resident.token, i, 7)));
    expect(rs.filter((r) => r.status !== 201)).toEqual([]);
    const rows = await inboxOf(worker.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].foldCount).toBe(30);
    expect(rows[0].title).toMatch(/^30 条新意见/);
    expect(rows[0].body).toMatch(/^最新：收到新的居民意见：第\d+条意见$/);
    expect(rows[0].link).toBe('/packages/opiniondesk/pages/inbox/index');

    const list = await t.api('GET', '/api/v1/me/notifications?unread=1', { token: worker.token });
    expect(list.body.items.filter((n: any) => n.kind === 'opinion_inbox')).toHaveLength(1);
    expect((await t.api('POST', `/api/v1/me/notifications/${rows[0].id}/read`, { token: worker.token })).status).toBeLessThan(300);

    expect((await post(resident.token, 99, 7)).status).toBe(201);
    const after = await inboxOf(worker.id);
    expect(after).toHaveLength(2);
    const fresh = after.find((n) => n.id !== rows[0].id)!;
    expect(fresh.title).toBe('收到新的居民意见：第99条意见');
    expect(fresh.foldCount).toBe(1);
    expect(after.find((n) => n.id === rows[0].id)!.foldCount).toBe(30);
  });

  it('streams of different complexes stay apart', async () => {
    const worker = await buildWorker(t, [8, 9]);
    const resident = await buildResident(t);
    for (const c of [8, 9, 8]) expect((await post(resident.token, c, c)).status).toBe(201);
    const rows = await inboxOf(worker.id);
    expect(rows.map((r) => r.foldCount).sort()).toEqual([1, 2]);
  });
});
