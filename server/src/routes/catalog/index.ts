import { z } from 'zod';
import { createCategory, createItem, deleteCategory, deleteItem, readCatalog, updateCategory, updateItem } from '../../domain/catalog/catalog';
import { IdParams, route, zId } from '../../http/route';
import { Catalog } from '../../../../shared/api/branches';

const Category = z.object({ id: z.number().int(), name: z.string(), sortOrder: z.number().int() });
const Item = z.object({ id: z.number().int(), categoryId: z.number().int(), name: z.string(), sortOrder: z.number().int() });

const name = (max: number) => z.string().trim().min(1, '名称不能为空').max(max, `名称最多 ${max} 个字`);
const sortOrder = z.number().int('必须是整数').min(0).max(9999).optional();
const CategoryBody = z.object({ name: name(32), sortOrder }).strict();
const ItemBody = z.object({ categoryId: zId, name: name(64), sortOrder }).strict();

const ADMIN = ['district_admin'] as const;
const idOf = (result: unknown) => (result as { id: number }).id;
const nameOf = (result: unknown) => (result as { name: string }).name;
const pick = <T extends { id: number }, K extends keyof T>(row: T, keys: K[]) => Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>;

export default [
  route({
    method: 'get',
    path: '/api/v1/service-catalog',
    summary: '区级服务清单（11 类）',
    tags: ['catalog'],
    auth: 'public',
    reference: 'cache',
    response: Catalog,
    handler: async ({ deps }) => ({ items: await readCatalog(deps.db) }),
  }),
  route({
    method: 'post',
    path: '/api/v1/service-catalog/categories',
    summary: '新增服务类别',
    tags: ['catalog'],
    auth: ADMIN,
    body: CategoryBody,
    status: 201,
    idempotent: true,
    response: Category,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'catalog.category_create', targetType: 'service_category', targetId: idOf(result), detail: body }),
    handler: async ({ body, tx }) => pick(await createCategory(tx, body), ['id', 'name', 'sortOrder']),
  }),
  route({
    method: 'patch',
    path: '/api/v1/service-catalog/categories/:id',
    summary: '修改服务类别',
    tags: ['catalog'],
    auth: ADMIN,
    params: IdParams,
    body: CategoryBody.partial(),
    response: Category,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'catalog.category_update', targetType: 'service_category', targetId: idOf(result), detail: body }),
    handler: async ({ params, body, tx }) => pick(await updateCategory(tx, params.id, body), ['id', 'name', 'sortOrder']),
  }),
  route({
    method: 'delete',
    path: '/api/v1/service-catalog/categories/:id',
    summary: '删除服务类别（须先清空其项目）',
    description: '409 `category_not_empty` while it still has items.',
    tags: ['catalog'],
    auth: ADMIN,
    params: IdParams,
    status: 204,
    transaction: true,
    audit: ({ result }) => ({ action: 'catalog.category_delete', targetType: 'service_category', targetId: idOf(result), detail: { name: nameOf(result) } }),
    // 204: the deleted row is returned only for the audit entry
    handler: ({ params, tx }) => deleteCategory(tx, params.id),
  }),
  route({
    method: 'post',
    path: '/api/v1/service-catalog/items',
    summary: '新增服务项目',
    tags: ['catalog'],
    auth: ADMIN,
    body: ItemBody,
    status: 201,
    idempotent: true,
    response: Item,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'catalog.item_create', targetType: 'service_item', targetId: idOf(result), detail: body }),
    handler: async ({ body, tx }) => pick(await createItem(tx, body), ['id', 'categoryId', 'name', 'sortOrder']),
  }),
  route({
    method: 'patch',
    path: '/api/v1/service-catalog/items/:id',
    summary: '修改服务项目（名称、类别、排序）',
    tags: ['catalog'],
    auth: ADMIN,
    params: IdParams,
    body: ItemBody.partial(),
    response: Item,
    transaction: true,
    audit: ({ body, result }) => ({ action: 'catalog.item_update', targetType: 'service_item', targetId: idOf(result), detail: body }),
    handler: async ({ params, body, tx }) => pick(await updateItem(tx, params.id, body), ['id', 'categoryId', 'name', 'sortOrder']),
  }),
  route({
    method: 'delete',
    path: '/api/v1/service-catalog/items/:id',
    summary: '删除服务项目',
    description: '409 `service_item_in_use` when any offering uses it.',
    tags: ['catalog'],
    auth: ADMIN,
    params: IdParams,
    status: 204,
    transaction: true,
    audit: ({ result }) => ({ action: 'catalog.item_delete', targetType: 'service_item', targetId: idOf(result), detail: { name: nameOf(result) } }),
    // 204: the deleted row is returned only for the audit entry
    handler: ({ params, tx }) => deleteItem(tx, params.id),
  }),
];
