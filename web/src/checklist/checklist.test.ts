import { describe, expect, it } from 'vitest';
import type { Checklist, Product } from '../api/types';
import { checklistProgress, checklistRows, parseChecklistCode, withQuantity } from './checklist';
import { lookAlikes } from '../kiosk/lookAlikes';

const product = (id: number, overrides: Partial<Product> = {}): Product => ({
  id, sku: `SKU-${id}`, detectionLabel: `label_${id}`, nameKo: `상품${id}`, nameEn: `Product ${id}`, brand: 'A', category: 'bar',
  price: 1000, stock: 5, isActive: true, imageUrl: null, version: 1, createdAt: '', updatedAt: '', ...overrides,
});

describe('parseChecklistCode', () => {
  it.each([
    ['abcd23', 'ABCD23'],
    [' ab-cd 23 ', 'ABCD23'],
    ['https://store.example/checklist/XYZW78', 'XYZW78'],
    ['http://127.0.0.1:5080/checklist/hjkm45?utm=qr', 'HJKM45'],
  ])('reads %s as %s', (text, code) => expect(parseChecklistCode(text)).toBe(code));

  it.each(['', 'AB', 'ABCD10', 'ABCDO2', 'ABCDI2', 'not a code!', 'https://store.example/orders/123'])(
    'refuses %s (empty, too short, or with the look-alike 0, O, 1, I)', (text) => expect(parseChecklistCode(text)).toBeNull());
});

describe('checklist items', () => {
  const checklist: Checklist = { id: '1', code: 'ABCD23', items: [{ productId: 1, quantity: 2 }, { productId: 2, quantity: 1 }] };

  it('sets, adds and removes quantities without changing the original', () => {
    expect(withQuantity(checklist, 1, 3).items).toEqual([{ productId: 1, quantity: 3 }, { productId: 2, quantity: 1 }]);
    expect(withQuantity(checklist, 9, 1).items.at(-1)).toEqual({ productId: 9, quantity: 1 });
    expect(withQuantity(checklist, 1, 0).items).toEqual([{ productId: 2, quantity: 1 }]);
    expect(checklist.items).toHaveLength(2);
  });

  it('joins items with their products and leaves out products that are gone', () => {
    const rows = checklistRows(checklist, [product(2), product(3)]);
    expect(rows.map((row) => [row.product.id, row.quantity])).toEqual([[2, 1]]);
  });

  it('counts how far the cart is through the list', () => {
    expect(checklistProgress({
      code: 'ABCD23',
      items: [
        { productId: 1, wanted: 2, inCart: 2, status: 'scanned' },
        { productId: 2, wanted: 1, inCart: 0, status: 'missing' },
        { productId: 3, wanted: 1, inCart: 0, status: 'outOfStock' },
      ],
    })).toEqual({ done: 1, total: 3, missing: 1, outOfStock: 1 });
  });
});

describe('lookAlikes', () => {
  it('offers the same category and brand first, never the product itself or ones the model does not know', () => {
    const products = [
      product(1, { category: 'bar', brand: 'A' }),
      product(2, { category: 'cone', brand: 'B', nameKo: '가' }),
      product(3, { category: 'bar', brand: 'B', nameKo: '나' }),
      product(4, { category: 'bar', brand: 'A', nameKo: '다' }),
      product(5, { category: 'bar', brand: 'A', detectionLabel: null }),
    ];
    expect(lookAlikes(1, products).map((p) => p.id)).toEqual([4, 3, 2]);
  });
});
