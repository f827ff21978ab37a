import type { SearchResult, SearchType } from '@shared/api/search';
import { request } from './request';

export type { SearchGroup, SearchHit, SearchResult, SearchType } from '@shared/api/search';

export const searchApi = {
  search: (q: string, type?: SearchType, cursor?: string | null) =>
    request<SearchResult>('/search', { auth: false, query: { q, type, cursor: cursor ?? undefined, limit: type ? 20 : undefined } }),
};
