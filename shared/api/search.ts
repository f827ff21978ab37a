// 搜索: request and response schemas of GET /api/v1/search, used by the server's route spec and,
// as z.infer types, by the mini-program. zod only.
import { z } from 'zod';
import { SEARCH_TYPES } from '../search';

export type { SearchType } from '../search';

export const SearchQuery = z.object({
  q: z.string().trim().min(1, '请输入要找的内容').max(40, '最多 40 个字'),
  type: z.enum(SEARCH_TYPES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, '最少 1 条').max(50, '每页最多 50 条').optional(),
});

export const SearchHit = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.number().int(),
  title: z.string(),
  subtitle: z.string(),
  /** the mini-program page that opens it */
  link: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchGroup = z.object({
  type: z.enum(SEARCH_TYPES),
  label: z.string(),
  items: z.array(SearchHit),
  /** more of this type: pass it back with `type` */
  nextCursor: z.string().nullable(),
});
export type SearchGroup = z.infer<typeof SearchGroup>;

export const SearchResult = z.object({
  q: z.string(),
  /** the words matched (each must appear) */
  terms: z.array(z.string()),
  groups: z.array(SearchGroup),
});
export type SearchResult = z.infer<typeof SearchResult>;
