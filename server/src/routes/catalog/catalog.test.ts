import { buildBranchAdmin, buildDistrictAdmin, buildResident } from '../../../test/support/factories';
import { startTestServer, type TestServer } from '../../../test/support/harness';
import { publish } from '../../../test/support/offerings';

let t: TestServer;
let admin: string;
beforeAll(async () => {
  t = await startTestServer();
  admin = (await buildDistrictAdmin(t)).token;
});
afterAll(() => t.close());

describe('service catalogue management', () => {
  it('creates, renames and deletes categories and items', async () => {
    const cat = await t.api('POST', '/api/v1/service-catalog/categories', { token: admin, body: { name: '测试类别', sortOrder: 99 } });
    expect(cat.status).toBe(201);
    const item = await t.api('POST', '/api/v1/service-catalog/items', { token: admin, body: { categoryId: cat.body.id, name: '测试项目' } });
    expect(item.status).toBe(201);
    let list = (await t.api('GET', '/api/v1/service-catalog')).body.items;
    expect(list.find((c: any) => c.id === cat.body.id).items).toEqual([{ id: item.body.id, name: '测试项目', sortOrder: 0 }]);

    expect((await t.api('PATCH', `/api/v1/service-catalog/items/${item.body.id}`, { token: admin, body: { name: '改名项目' } })).body.name).toBe('改名项目');
    expect((await t.api('PATCH', `/api/v1/service-catalog/categories/${cat.body.id}`, { token: admin, body: { name: '改名类别' } })).body.name).toBe('改名类别');
    const notEmpty = await t.api('DELETE', `/api/v1/service-catalog/categories/${cat.body.id}`, { token: admin });
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body.error.code).toBe('category_not_empty');
    expect((await t.api('DELETE', `/api/v1/service-catalog/items/${item.body.id}`, { token: admin })).status).toBe(204);
    expect((await t.api('DELETE', `/api/v1/service-catalog/categories/${cat.body.id}`, { token: admin })).status).toBe(204);
    list = (await t.api('GET', '/api/v1/service-catalog')).body.items;
    expect(list).toHaveLength(11);
  });

  it('refuses duplicates (409), unknown categories (422) and unknown ids (404)', async () => {
    const dup = await t.api('POST', '/api/v1/service-catalog/categories', { token: admin, body: { name: '助老服务' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_name');
    expect((await t.api('POST', '/api/v1/service-catalog/items', { token: admin, body: { categoryId: 1, name: '理发' } })).status).toBe(201);
    expect((await t.api('POST', '/api/v1/service-catalog/items', { token: admin, body: { categoryId: 1, name: '理发' } })).status).toBe(409);
    expect((await t.api('POST', '/api/v1/service-catalog/items', { token: admin, body: { categoryId: 9999, name: 'x' } })).body.error.details.fields.categoryId).toBeTruthy();
    expect((await t.api('PATCH', '/api/v1/service-catalog/items/99999', { token: admin, body: { name: 'x' } })).status).toBe(404);
    expect((await t.api('DELETE', '/api/v1/service-catalog/categories/99999', { token: admin })).status).toBe(404);
  });

  it('keeps an item that an offering uses (409)', async () => {
    const branchAdmin = await buildBranchAdmin(t, 1);
    const item = await t.api('POST', '/api/v1/service-catalog/items', { token: admin, body: { categoryId: 2, name: '眼科筛查' } });
    await publish(t, branchAdmin.token, 1, { serviceItemId: item.body.id });
    const r = await t.api('DELETE', `/api/v1/service-catalog/items/${item.body.id}`, { token: admin });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('service_item_in_use');
    expect((await t.api('GET', '/api/v1/service-catalog')).body.items[1].items.map((i: any) => i.name)).toContain('眼科筛查');
  });

  it('only district admins change it: 403 for residents and branch admins, 401 without a token', async () => {
    const body = { name: '不该存在' };
    expect((await t.api('POST', '/api/v1/service-catalog/categories', { token: (await buildResident(t)).token, body })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/service-catalog/categories', { token: (await buildBranchAdmin(t, 2)).token, body })).status).toBe(403);
    expect((await t.api('POST', '/api/v1/service-catalog/categories', { body })).status).toBe(401);
    expect((await t.api('DELETE', '/api/v1/service-catalog/items/1', { token: (await buildResident(t)).token })).status).toBe(403);
  });
});
