import { eq } from 'drizzle-orm';
import { auditLogs, branchMembers, branches } from '../../db/schema';
import { buildBranchAdmin, buildDistrictAdmin, buildResident, buildWorker } from '../../../test/support/factories';
import { startTestServer, uniquePhone, type TestServer } from '../../../test/support/harness';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await startTestServer();
  admin = (await buildDistrictAdmin(t)).token;
});
afterAll(() => t.close());

describe('branch profile', () => {
  it('shows a branch with its paired complexes; members only to the branch and district admins', async () => {
    const pub = await t.api('GET', '/api/v1/branches/1');
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ id: 1, name: '区委办公室机关第一党支部', department: '区委办公室', complexIds: [1, 6], members: null, canManage: false });
    expect(pub.body.secretary).toBeTruthy();
    expect(pub.body.complexes[0]).toMatchObject({ id: 1, name: '文新街道阳光社区民生综合体' });

    const seededAdmin = await t.login('13900000003');
    const own = await t.api('GET', '/api/v1/branches/1', { token: seededAdmin.token });
    expect(own.body.canManage).toBe(true);
    expect(own.body.members).toContainEqual(expect.objectContaining({ id: seededAdmin.user.id, phoneMasked: '139****0003' }));
    expect(JSON.stringify(own.body)).not.toContain('13900000003');

    const other = await buildBranchAdmin(t, 2);
    expect((await t.api('GET', '/api/v1/branches/1', { token: other.token })).body.members).toBeNull();
    expect((await t.api('GET', '/api/v1/branches/1', { token: admin })).body.members.length).toBeGreaterThan(0);
    expect((await t.api('GET', '/api/v1/branches/9999')).status).toBe(404);
  });

  it('is edited by its own admin or a district admin; 403 for another branch, 401 without a token', async () => {
    const mine = await buildBranchAdmin(t, 3);
    const r = await t.api('PATCH', '/api/v1/branches/3', { token: mine.token, body: { secretary: '林书记', contact: '0571-87001234' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ secretary: '林书记', contact: '0571-87001234' });
    const audits = await t.deps.db.select().from(auditLogs).where(eq(auditLogs.action, 'branch.update'));
    expect(audits.some((a) => a.actorId === mine.id && a.targetId === '3')).toBe(true);

    const other = await buildBranchAdmin(t, 4);
    const denied = await t.api('PATCH', '/api/v1/branches/3', { token: other.token, body: { secretary: '张三' } });
    expect(denied.status).toBe(403);
    expect((await t.api('PATCH', '/api/v1/branches/3', { token: (await buildResident(t)).token, body: { secretary: '张三' } })).status).toBe(403);
    expect((await t.api('PATCH', '/api/v1/branches/3', { body: { secretary: '张三' } })).status).toBe(401);
    expect((await t.api('PATCH', '/api/v1/branches/3', { token: admin, body: { contact: '0571-1' } })).body.contact).toBe('0571-1');
    const dup = await t.api('PATCH', '/api/v1/branches/3', { token: admin, body: { name: '区委办公室机关第一党支部' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_name');
    const bad = await t.api('PATCH', '/api/v1/branches/3', { token: admin, body: { name: '' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields.name).toBeTruthy();
  });

  it('district admins create branches', async () => {
    const r = await t.api('POST', '/api/v1/branches', { token: admin, body: { name: '测试局机关党支部', department: '测试局' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '测试局机关党支部', complexIds: [], members: [] });
    expect((await t.api('POST', '/api/v1/branches', { token: (await buildBranchAdmin(t, 1)).token, body: { name: 'x', department: 'y' } })).status).toBe(403);
    // Other suites count the 149 seeded branches.
    await t.deps.db.delete(branches).where(eq(branches.id, r.body.id));
  });
});

describe('branch member accounts', () => {
  it('adds a member by phone: the account becomes branch_admin and can act for the branch', async () => {
    const phone = uniquePhone();
    const first = await t.login(phone);
    expect(first.user.role).toBe('resident');
    const r = await t.api('POST', '/api/v1/branches/5/members', { token: admin, body: { phone } });
    expect(r.status).toBe(201);
    expect(r.body.members).toContainEqual(expect.objectContaining({ id: first.user.id, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}` }));
    const again = await t.login(phone);
    expect(again.user.role).toBe('branch_admin');
    expect(again.user.branchId).toBe(5);
    expect((await t.api('PATCH', '/api/v1/branches/5', { token: again.token, body: { secretary: '新书记' } })).status).toBe(200);

    const twice = await t.api('POST', '/api/v1/branches/5/members', { token: admin, body: { userId: first.user.id } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_member');
    const elsewhere = await t.api('POST', '/api/v1/branches/6/members', { token: admin, body: { userId: first.user.id } });
    expect(elsewhere.body.error.code).toBe('member_of_other_branch');

    const del = await t.api('DELETE', `/api/v1/branches/5/members/${first.user.id}`, { token: admin });
    expect(del.status).toBe(204);
    const after = await t.login(phone);
    expect(after.user.role).toBe('resident');
    expect((await t.api('DELETE', `/api/v1/branches/5/members/${first.user.id}`, { token: admin })).status).toBe(404);
  });

  it('adds by user id; refuses unknown phones, workers, and both or neither of id and phone', async () => {
    const resident = await buildResident(t);
    expect((await t.api('POST', '/api/v1/branches/7/members', { token: admin, body: { userId: resident.id } })).status).toBe(201);
    const unknown = await t.api('POST', '/api/v1/branches/7/members', { token: admin, body: { phone: '13000000000' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('尚未注册');
    const worker = await buildWorker(t, [1]);
    expect((await t.api('POST', '/api/v1/branches/7/members', { token: admin, body: { userId: worker.id } })).body.error.code).toBe('role_conflict');
    expect((await t.api('POST', '/api/v1/branches/7/members', { token: admin, body: {} })).status).toBe(422);
    expect((await t.api('POST', '/api/v1/branches/7/members', { token: admin, body: { userId: resident.id, phone: '13000000000' } })).status).toBe(422);
    expect((await t.api('POST', '/api/v1/branches/9999/members', { token: admin, body: { userId: resident.id } })).status).toBe(404);
  });

  it('an account joins one branch only, even when admins add it to several at once', async () => {
    const resident = await buildResident(t);
    const results = await Promise.all(
      [20, 21, 22, 23, 24, 25].map((b) => t.api('POST', `/api/v1/branches/${b}/members`, { token: admin, body: { userId: resident.id } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'member_of_other_branch')).toBe(true);
    const rows = await t.deps.db.select().from(branchMembers).where(eq(branchMembers.userId, resident.id));
    expect(rows).toHaveLength(1);
  });

  it('only district admins manage members: 403 for the branch itself, 401 without a token', async () => {
    const own = await buildBranchAdmin(t, 8);
    const resident = await buildResident(t);
    expect((await t.api('POST', '/api/v1/branches/8/members', { token: own.token, body: { userId: resident.id } })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/branches/8/members', { body: { userId: resident.id } })).status).toBe(401);
    expect((await t.api('DELETE', `/api/v1/branches/8/members/${own.id}`, { token: own.token })).status).toBe(403);
  });
});

describe('pairing one pair at a time', () => {
  it('adds and removes a pair; duplicates 409; unknown complex 422; branch admins 403', async () => {
    const add = await t.api('POST', '/api/v1/branches/9/complexes', { token: admin, body: { complexId: 3 } });
    expect(add.status).toBe(201);
    expect(add.body.complexIds).toContain(3);
    const pairs = await t.api('GET', '/api/v1/pairings?branchId=9', { token: admin });
    expect(pairs.body.items.map((p: any) => p.complexId)).toContain(3);
    expect((await t.api('POST', '/api/v1/branches/9/complexes', { token: admin, body: { complexId: 3 } })).body.error.code).toBe('already_paired');
    expect((await t.api('POST', '/api/v1/branches/9/complexes', { token: admin, body: { complexId: 9999 } })).status).toBe(422);
    const own = await buildBranchAdmin(t, 9);
    expect((await t.api('POST', '/api/v1/branches/9/complexes', { token: own.token, body: { complexId: 4 } })).status).toBe(403);
    expect((await t.api('DELETE', '/api/v1/branches/9/complexes/3', { token: own.token })).status).toBe(403);
    expect((await t.api('DELETE', '/api/v1/branches/9/complexes/3', { token: admin })).status).toBe(204);
    expect((await t.api('DELETE', '/api/v1/branches/9/complexes/3', { token: admin })).status).toBe(404);
    expect((await t.api('GET', '/api/v1/pairings')).status).toBe(401);
  });
});
