import type { CartChecklist, Checklist, Product } from '../api/types';

// Checklist codes leave out 0/O and 1/I, so a code read aloud or typed from a phone cannot be mistaken.
const codePattern = /^[A-HJ-NP-Z2-9]{4,12}$/;

/**
 * The checklist code in what a shopper typed or a QR code held: a bare code in any case and spacing, or the
 * checklist page's URL (`.../checklist/CODE`). Null when it cannot be a code.
 */
export function parseChecklistCode(text: string): string | null {
  let candidate = text.trim();
  const fromUrl = candidate.match(/\/checklist\/([^/?#]+)/i);
  if (fromUrl) candidate = decodeURIComponent(fromUrl[1]);
  candidate = candidate.replace(/[\s-]/g, '').toUpperCase();
  return codePattern.test(candidate) ? candidate : null;
}

export function checklistUrl(origin: string, code: string) {
  return `${origin}/checklist/${code}`;
}

export interface ChecklistProgress {
  done: number;
  total: number;
  missing: number;
  outOfStock: number;
}

/** How far the cart is through its linked checklist, counted in items. */
export function checklistProgress(checklist: CartChecklist): ChecklistProgress {
  const count = (status: string) => checklist.items.filter((item) => item.status === status).length;
  return { done: count('scanned'), total: checklist.items.length, missing: count('missing'), outOfStock: count('outOfStock') };
}

/** A checklist's items with their products, in the order they were added; items of unknown products are left out. */
export function checklistRows(checklist: Checklist, products: Product[]) {
  const byId = new Map(products.map((product) => [product.id, product]));
  return checklist.items.flatMap((item) => {
    const product = byId.get(item.productId);
    return product ? [{ product, quantity: item.quantity }] : [];
  });
}

/** The checklist as it will be once a quantity is set, for an answer shown before the server confirms it. */
export function withQuantity(checklist: Checklist, productId: number, quantity: number): Checklist {
  const others = checklist.items.filter((item) => item.productId !== productId);
  if (quantity <= 0) return { ...checklist, items: others };
  const existing = checklist.items.some((item) => item.productId === productId);
  return {
    ...checklist,
    items: existing
      ? checklist.items.map((item) => (item.productId === productId ? { ...item, quantity } : item))
      : [...checklist.items, { productId, quantity }],
  };
}
