import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { serviceCategories, serviceItems } from '../../db/schema';
import { route } from '../../http/route';

const Catalog = z.object({
  items: z.array(z.object({ id: z.number().int(), name: z.string(), items: z.array(z.object({ id: z.number().int(), name: z.string() })) })),
});

export default [
  route({
    method: 'get',
    path: '/api/v1/service-catalog',
    summary: '区级服务清单（11 类）',
    tags: ['catalog'],
    auth: 'public',
    response: Catalog,
    handler: async ({ deps }) => {
      const cats = await deps.db.select().from(serviceCategories).orderBy(asc(serviceCategories.sortOrder), asc(serviceCategories.id));
      const items = await deps.db.select().from(serviceItems).orderBy(asc(serviceItems.sortOrder), asc(serviceItems.id));
      return {
        items: cats.map((c) => ({
          id: c.id,
          name: c.name,
          items: items.filter((i) => i.categoryId === c.id).map((i) => ({ id: i.id, name: i.name })),
        })),
      };
    },
  }),
];
