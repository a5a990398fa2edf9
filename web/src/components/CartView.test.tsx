import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cart, CartLine } from '../api/types';
import { I18nProvider } from '../i18n/I18n';
import { CartView } from './CartView';

afterEach(cleanup);

const line = (productId: number, overrides: Partial<CartLine> = {}): CartLine => ({
  productId, sku: `SKU-${productId}`, detectionLabel: null, nameKo: `메로나${productId}`, nameEn: `Melona ${productId}`,
  imageUrl: null, unitPrice: 800, quantity: 1, lineTotal: 800, source: 'scan', needsCheck: false, ...overrides,
});

const cart = (lines: CartLine[]): Cart => ({
  id: 'c1', lines, total: lines.reduce((sum, l) => sum + l.lineTotal, 0), currency: 'KRW', updatedAt: '',
});

function renderCart(value: Cart, language: 'ko' | 'en' = 'ko') {
  const handlers = { onConfirm: vi.fn(), onAskOther: vi.fn(), onQuantity: vi.fn(), onRemove: vi.fn() };
  render(<I18nProvider initial={language}><CartView cart={value} {...handlers} /></I18nProvider>);
  return handlers;
}

describe('CartView', () => {
  it('shows every line with its price and the total the server computed, in won', () => {
    renderCart(cart([line(1, { quantity: 2, lineTotal: 1600 }), line(2, { unitPrice: 1500, lineTotal: 1500 })]));
    expect(screen.getAllByTestId('cart-line')).toHaveLength(2);
    expect(screen.getByText('메로나1')).toBeTruthy();
    expect(screen.getByText('1,600원')).toBeTruthy();
    expect(screen.getByTestId('cart-total').textContent).toBe('3,100원');
  });

  it('speaks English when switched', () => {
    renderCart(cart([line(1)]), 'en');
    expect(screen.getByText('Melona 1')).toBeTruthy();
    expect(screen.getByTestId('cart-total').textContent).toBe('₩800');
  });

  it('asks plainly about a doubtful line and passes on the answer', () => {
    const handlers = renderCart(cart([line(1), line(2, { needsCheck: true })]));
    const question = screen.getByRole('group', { name: '이 상품이 맞나요?' });
    fireEvent.click(within(question).getByText('네, 맞아요'));
    fireEvent.click(within(question).getByText('다른 상품이에요'));
    expect(handlers.onConfirm).toHaveBeenCalledWith(expect.objectContaining({ productId: 2 }));
    expect(handlers.onAskOther).toHaveBeenCalledWith(expect.objectContaining({ productId: 2 }));
    expect(screen.getAllByRole('group', { name: '이 상품이 맞나요?' })).toHaveLength(1);
    expect(screen.getAllByTestId('cart-line')[0].textContent).toContain('메로나2');
  });

  it('changes quantities and removes the line when the last one goes', () => {
    const handlers = renderCart(cart([line(1, { quantity: 2, lineTotal: 1600 }), line(2)]));
    const [first, second] = screen.getAllByTestId('cart-line');
    fireEvent.click(within(first).getByLabelText('+'));
    fireEvent.click(within(first).getByLabelText('−'));
    fireEvent.click(within(second).getByLabelText('−'));
    expect(handlers.onQuantity).toHaveBeenNthCalledWith(1, expect.objectContaining({ productId: 1 }), 3);
    expect(handlers.onQuantity).toHaveBeenNthCalledWith(2, expect.objectContaining({ productId: 1 }), 1);
    expect(handlers.onRemove).toHaveBeenCalledWith(expect.objectContaining({ productId: 2 }));
  });

  it('says so when the cart is empty', () => {
    renderCart(cart([]));
    expect(screen.getByText('아직 담긴 상품이 없어요')).toBeTruthy();
    expect(screen.getByTestId('cart-total').textContent).toBe('0원');
  });
});
