import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { isDuplicateKey } from '../../db/client';
import { activities, serviceCategories, serviceItems } from '../../db/schema';
import { conflict, notFound, validationFailed } from '../../errors';

/**
 * The district service list (服务清单): categories and their items, kept by district admins.
 * An item that offerings use stays (409): the records of those sessions name it.
 */

export async function readCatalog(db: DbOrTx) {
  const cats = await db.select().from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.id));
  const items = await db.select().from(serviceItems).orderBy(asc(serviceItems.sortOrder), asc(serviceItems.id));
  return cats.map((c) => ({
    id: c.id,
    name: c.name,
    sortOrder: c.sortOrder,
    items: items.filter((i) => i.categoryId === c.id).map((i) => ({ id: i.id, name: i.name, sortOrder: i.sortOrder })),
  }));
}

const duplicate = (what: string, name: string) => conflict('duplicate_name', `已有名为「${name}」的${what}`);

async function category(db: DbOrTx, id: number) {
  const [c] = await db.select().from(serviceCategories).where(eq(serviceCategories.id, id)).limit(1);
  if (!c) throw notFound('服务类别不存在');
  return c;
}

async function item(db: DbOrTx, id: number) {
  const [i] = await db.select().from(serviceItems).where(eq(serviceItems.id, id)).limit(1);
  if (!i) throw notFound('服务项目不存在');
  return i;
}

export async function createCategory(tx: Tx, v: { name: string; sortOrder?: number }) {
  try {
    const [{ id }] = await tx.insert(serviceCategories).values({ name: v.name, sortOrder: v.sortOrder ?? 0 }).$returningId();
    return category(tx, id);
  } catch (e) {
    if (isDuplicateKey(e)) throw duplicate('服务类别', v.name);
    throw e;
  }
}

export async function updateCategory(tx: Tx, id: number, v: { name?: string; sortOrder?: number }) {
  await category(tx, id);
  try {
    if (Object.keys(v).length) await tx.update(serviceCategories).set(v).where(eq(serviceCategories.id, id));
  } catch (e) {
    if (isDuplicateKey(e)) throw duplicate('服务类别', v.name ?? '');
    throw e;
  }
  return category(tx, id);
}

export async function deleteCategory(tx: Tx, id: number) {
  const c = await category(tx, id);
  const [{ n }] = await tx.select({ n: sql<number>`COUNT(*)` }).from(serviceItems).where(eq(serviceItems.categoryId, id));
  if (Number(n) > 0) throw conflict('category_not_empty', `「${c.name}」下还有 ${n} 个服务项目，请先删除或移走`);
  await tx.delete(serviceCategories).where(eq(serviceCategories.id, id));
  return c;
}

export async function createItem(tx: Tx, v: { categoryId: number; name: string; sortOrder?: number }) {
  const [c] = await tx.select({ id: serviceCategories.id }).from(serviceCategories).where(eq(serviceCategories.id, v.categoryId)).limit(1);
  if (!c) throw validationFailed({ categoryId: '服务类别不存在' });
  try {
    const [{ id }] = await tx.insert(serviceItems).values({ categoryId: v.categoryId, name: v.name, sortOrder: v.sortOrder ?? 0 }).$returningId();
    return item(tx, id);
  } catch (e) {
    if (isDuplicateKey(e)) throw duplicate('服务项目', v.name);
    throw e;
  }
}

export async function updateItem(tx: Tx, id: number, v: { categoryId?: number; name?: string; sortOrder?: number }) {
  await item(tx, id);
  if (v.categoryId !== undefined) {
    const [c] = await tx.select({ id: serviceCategories.id }).from(serviceCategories).where(eq(serviceCategories.id, v.categoryId)).limit(1);
    if (!c) throw validationFailed({ categoryId: '服务类别不存在' });
  }
  try {
    if (Object.keys(v).length) await tx.update(serviceItems).set(v).where(eq(serviceItems.id, id));
  } catch (e) {
    if (isDuplicateKey(e)) throw duplicate('服务项目', v.name ?? '');
    throw e;
  }
  return item(tx, id);
}

export async function deleteItem(tx: Tx, id: number) {
  const i = await item(tx, id);
  // Lock-free check is enough: a publish racing this delete fails on the foreign key instead.
  const [{ n }] = await tx.select({ n: sql<number>`COUNT(*)` }).from(activities).where(eq(activities.serviceItemId, id));
  if (Number(n) > 0) throw conflict('service_item_in_use', `「${i.name}」已有 ${n} 场服务在用，不能删除`, { offerings: Number(n) });
  await tx.delete(serviceItems).where(eq(serviceItems.id, id));
  return i;
}
