import { request } from './http';
import type { SearchResult, Suggestion } from './types';

export interface SearchFilters {
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
}

export const searchApi = {
  products: (q: string, filters: SearchFilters, signal?: AbortSignal) => {
    const query = new URLSearchParams({ q, pageSize: '48' });
    if (filters.category) query.set('category', filters.category);
    if (filters.minPrice !== undefined) query.set('minPrice', String(filters.minPrice));
    if (filters.maxPrice !== undefined) query.set('maxPrice', String(filters.maxPrice));
    if (filters.inStock) query.set('inStock', 'true');
    return request<SearchResult>(`/api/search/products?${query}`, { signal });
  },
  suggest: (q: string, signal?: AbortSignal) =>
    request<{ suggestions: Suggestion[] }>(`/api/search/suggest?${new URLSearchParams({ q, size: '8' })}`, { signal }),
};
