// The one list shape of the API: {"items": [...], "nextCursor": ...}. zod only.
import { z } from 'zod';

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The mini-program's view of a pageOf(...) answer. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
