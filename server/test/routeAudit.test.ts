import { and, eq } from 'drizzle-orm';
import { auditLogs } from '../src/db/schema';
import { buildBranchAdmin, buildDistrictAdmin, buildResident } from './support/factories';
import { startTestServer, type TestServer } from './support/harness';
import { publish } from './support/offerings';

// Staff writes that moved from audit-in-the-handler to the route spec's `audit` describer: the
// entry still lands, inside the write's transaction, with the target and detail it had before.
let t: TestServer;
let admin: { id: number; token: string };
beforeAll(async () => {
  t = await startTestServer();
  admin = await buildDistrictAdmin(t);
});
afterAll(() => t.close());

const entries = (action: string, targetId: string | number) =>
  t.deps.db.select().from(auditLogs).where(and(eq(auditLogs.action, action), eq(auditLogs.targetId, String(targetId))));

describe('audit entries written by the mount', () => {
  it('a deleted catalogue item is audited with the name it had (read from the handler result)', async () => {
    const item = await t.api('POST', '/api/v1/service-catalog/items', { token: admin.token, body: { categoryId: 1, name: '审计测试项目' } });
    expect(item.status).toBe(201);
    expect((await entries('catalog.item_create', item.body.id))[0]).toMatchObject({ actorId: admin.id, targetType: 'service_item' });
    expect((await t.api('DELETE', `/api/v1/service-catalog/items/${item.body.id}`, { token: admin.token })).status).toBe(204);
    const [del] = await entries('catalog.item_delete', item.body.id);
    expect(del.actorId).toBe(admin.id);
    expect(del.detail).toEqual({ name: '审计测试项目' });
  });

  it('a refused write leaves no entry (the audit is inside the transaction)', async () => {
    const before = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.action, 'catalog.category_delete'));
    expect((await t.api('DELETE', '/api/v1/service-catalog/categories/1', { token: admin.token })).status).toBe(409);
    const after = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.action, 'catalog.category_delete'));
    expect(after).toHaveLength(before.length);
  });

  it('adding a branch member records the account added, which the response does not carry', async () => {
    const who = await buildResident(t);
    const r = await t.api('POST', '/api/v1/branches/7/members', { token: admin.token, body: { userId: who.id } });
    expect(r.status).toBe(201);
    expect(r.body).not.toHaveProperty('userId');
    // other suites sharing this database add members to branch 7 too: find this one
    const mine = (await entries('branch.member_add', 7)).filter((e) => (e.detail as { userId?: number } | null)?.userId === who.id);
    expect(mine.map((e) => e.detail)).toEqual([{ userId: who.id, by: 'id' }]);
  });

  it('publishing an offering is audited against the new activity id', async () => {
    const ba = await buildBranchAdmin(t, 1);
    const o = await publish(t, ba.token);
    const [e] = await entries('offering.publish', o.id);
    expect(e).toMatchObject({ actorId: ba.id, targetType: 'activity' });
    expect(e.detail).toMatchObject({ branchId: 1 });
  });
});
