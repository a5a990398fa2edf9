import { request } from './http';
import type { Category, Page, Product, StockMovement } from './types';

export interface ProductDraft {
  sku: string;
  detectionLabel: string | null;
  nameKo: string;
  nameEn: string;
  brand: string;
  category: string;
  price: number;
  isActive: boolean;
}

export const catalogApi = {
  products: (params: { category?: string; pageIndex?: number; pageSize?: number; sort?: string }, signal?: AbortSignal) => {
    const query = new URLSearchParams({ pageIndex: String(params.pageIndex ?? 0), pageSize: String(params.pageSize ?? 100) });
    if (params.category) query.set('category', params.category);
    if (params.sort) query.set('sort', params.sort);
    return request<Page<Product>>(`/api/catalog/products?${query}`, { signal });
  },
  /** Every active product: the catalogue is small, but page through it anyway. */
  allProducts: async (signal?: AbortSignal) => {
    const products: Product[] = [];
    for (let pageIndex = 0; ; pageIndex++) {
      const page = await catalogApi.products({ pageIndex, pageSize: 100 }, signal);
      products.push(...page.data);
      if (products.length >= page.count || page.data.length === 0) return products;
    }
  },
  product: (id: number) => request<Product>(`/api/catalog/products/${id}`),
  categories: (signal?: AbortSignal) => request<Category[]>('/api/catalog/categories', { signal }),

  create: (draft: ProductDraft & { stock: number }) =>
    request<Product>('/api/catalog/admin/products', { method: 'POST', body: draft }),
  update: (id: number, draft: ProductDraft & { version: number }) =>
    request<Product>(`/api/catalog/admin/products/${id}`, { method: 'PUT', body: draft }),
  setPrice: (id: number, price: number) =>
    request<Product>(`/api/catalog/admin/products/${id}/price`, { method: 'PUT', body: { price } }),
  adjustStock: (id: number, delta: number, reason: string) =>
    request<Product>(`/api/catalog/admin/products/${id}/stock-adjustments`, { method: 'POST', body: { delta, reason } }),
  stockMovements: (id: number) => request<StockMovement[]>(`/api/catalog/admin/products/${id}/stock-movements`),
  uploadImage: (id: number, image: File) =>
    request<Product>(`/api/catalog/admin/products/${id}/image`, {
      method: 'PUT',
      body: image,
      headers: { 'Content-Type': image.type || 'application/octet-stream' },
    }),
};
