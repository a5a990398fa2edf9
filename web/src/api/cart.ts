import { request } from './http';
import type { Cart, Checklist, Order, OrderSummary, Page, ScanResult } from './types';

export type PaymentToken = 'tok_visa' | 'tok_decline' | 'tok_timeout';

export type LineResolution =
  | { action: 'confirm'; quantity?: number }
  | { action: 'swap'; productId: number; quantity?: number }
  | { action: 'remove' };

export const cartApi = {
  create: () => request<Cart>('/api/carts', { method: 'POST', body: {} }),
  get: (id: string) => request<Cart>(`/api/carts/${id}`),
  scan: (id: string, frames: Blob[], signal?: AbortSignal) => {
    const form = new FormData();
    frames.forEach((frame, index) => form.append('frames', frame, `frame-${index}.jpg`));
    return request<ScanResult>(`/api/carts/${id}/scan`, { method: 'POST', body: form, signal });
  },
  addLine: (id: string, productId: number, quantity: number) =>
    request<Cart>(`/api/carts/${id}/lines`, { method: 'POST', body: { productId, quantity } }),
  setQuantity: (id: string, productId: number, quantity: number) =>
    request<Cart>(`/api/carts/${id}/lines/${productId}`, { method: 'PUT', body: { quantity } }),
  removeLine: (id: string, productId: number) =>
    request<Cart>(`/api/carts/${id}/lines/${productId}`, { method: 'DELETE' }),
  /** Settles a scanned line; Cart keeps the answer with the scan's frame as training data. */
  resolveLine: (id: string, productId: number, resolution: LineResolution) =>
    request<Cart>(`/api/carts/${id}/lines/${productId}/resolve`, { method: 'POST', body: resolution }),
  linkChecklist: (id: string, code: string) =>
    request<Cart>(`/api/carts/${id}/checklist`, { method: 'POST', body: { code } }),
  checkout: (id: string, paymentToken: PaymentToken, idempotencyKey: string, signal?: AbortSignal) =>
    request<Order>(`/api/carts/${id}/checkout`, {
      method: 'POST',
      body: { paymentToken },
      headers: { 'Idempotency-Key': idempotencyKey },
      signal,
    }),
};

export const orderApi = {
  get: (id: string) => request<Order>(`/api/orders/${id}`),
  /** One day's orders, newest first; a day of more than 100 orders shows its newest 100. */
  list: (from: string, to: string) => request<Page<OrderSummary>>(
    `/api/orders?${new URLSearchParams({ from, to, pageSize: '100' })}`),
  refund: (id: string, restock: boolean) =>
    request<Order>(`/api/orders/${id}/refund`, { method: 'POST', body: { restock } }),
};

export const checklistApi = {
  create: () => request<Checklist>('/api/checklists', { method: 'POST', body: {} }),
  get: (code: string) => request<Checklist>(`/api/checklists/${encodeURIComponent(code)}`),
  setItem: (code: string, productId: number, quantity: number) =>
    request<Checklist>(`/api/checklists/${encodeURIComponent(code)}/items/${productId}`, { method: 'PUT', body: { quantity } }),
  removeItem: (code: string, productId: number) =>
    request<Checklist>(`/api/checklists/${encodeURIComponent(code)}/items/${productId}`, { method: 'DELETE' }),
};
