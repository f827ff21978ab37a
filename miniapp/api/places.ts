import type { z } from 'zod';
import type { ComplexDetail as ComplexDetailSchema, ComplexSummary as ComplexSummarySchema, Space as SpaceSchema, Street as StreetSchema } from '@shared/api/places';
import { request } from './request';

// Streets, 民生综合体, facilities and "7+X" spaces. Types are z.infer of shared/api/places.ts.

export type Street = z.infer<typeof StreetSchema>;
export type ComplexSummary = z.infer<typeof ComplexSummarySchema>;
export type Space = z.infer<typeof SpaceSchema>;
export type ComplexDetail = z.infer<typeof ComplexDetailSchema>;

interface List<T> {
  items: T[];
  nextCursor: string | null;
}

export const placesApi = {
  streets: () => request<List<Street>>('/streets').then((r) => r.items),
  complexes: (q: { streetId?: number; lat?: number; lng?: number } = {}) =>
    request<List<ComplexSummary>>('/complexes', { query: { ...q, limit: 100 } }).then((r) => r.items),
  complex: (id: number) => request<ComplexDetail>(`/complexes/${id}`),
};
