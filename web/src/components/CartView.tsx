import type { Cart, CartLine, Product } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ProductImage } from './ProductImage';

export interface CartViewProps {
  cart: Cart;
  busy?: boolean;
  onConfirm: (line: CartLine) => void;
  onAskOther: (line: CartLine) => void;
  onQuantity: (line: CartLine, quantity: number) => void;
  onRemove: (line: CartLine) => void;
  /** Products for the picker of a doubtful line that the shopper says is something else. */
  picking?: { line: CartLine; candidates: Product[]; onPick: (product: Product) => void; onCancel: () => void } | null;
}

/** The priced cart: lines, doubtful lines asked about plainly, quantities, and the total. */
export function CartView({ cart, busy, onConfirm, onAskOther, onQuantity, onRemove, picking }: CartViewProps) {
  const { t, name, won } = useI18n();
  const itemCount = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
  // Lines to answer for come first, so the question is never scrolled away.
  const lines = [...cart.lines].sort((a, b) => Number(b.needsCheck) - Number(a.needsCheck));

  return (
    <section className="cart" aria-label={t('kiosk.cart')} aria-busy={busy}>
      <h2 className="cart__title">{t('kiosk.cart')} <span className="cart__count">{itemCount}</span></h2>
      {cart.lines.length === 0 && <p className="cart__empty">{t('kiosk.emptyCart')}</p>}
      <ul className="cart__lines">
        {lines.map((line) => (
          <li key={line.productId} className={line.needsCheck ? 'line line--check' : 'line'} data-testid="cart-line">
            <ProductImage url={line.imageUrl} alt="" size="thumb" />
            <div className="line__main">
              <span className="line__name">{name(line)}</span>
              <span className="line__unit">{won(line.unitPrice)}</span>
            </div>
            <div className="line__qty">
              <button type="button" className="qty" aria-label="−" disabled={busy}
                onClick={() => (line.quantity > 1 ? onQuantity(line, line.quantity - 1) : onRemove(line))}>−</button>
              <span className="qty__value" data-testid="line-quantity">{line.quantity}</span>
              <button type="button" className="qty" aria-label="+" disabled={busy} onClick={() => onQuantity(line, line.quantity + 1)}>+</button>
            </div>
            <span className="line__total">{won(line.lineTotal)}</span>
            <button type="button" className="line__remove" aria-label={`${t('kiosk.remove')} ${name(line)}`} disabled={busy}
              onClick={() => onRemove(line)}>×</button>
            {line.needsCheck && (
              <div className="line__check" role="group" aria-label={t('kiosk.needsCheck')}>
                <strong>{t('kiosk.needsCheck')}</strong>
                <div className="row">
                  <button type="button" className="button button--primary" disabled={busy} onClick={() => onConfirm(line)}>{t('kiosk.yes')}</button>
                  <button type="button" className="button" disabled={busy} onClick={() => onAskOther(line)}>{t('kiosk.other')}</button>
                </div>
              </div>
            )}
            {picking?.line.productId === line.productId && (
              <div className="picker" role="listbox" aria-label={t('kiosk.pick')}>
                <strong>{t('kiosk.pick')}</strong>
                <div className="picker__grid">
                  {picking.candidates.map((product) => (
                    <button type="button" role="option" aria-selected={false} key={product.id} className="picker__item"
                      onClick={() => picking.onPick(product)}>
                      <ProductImage url={product.imageUrl} alt="" size="thumb" />
                      <span>{name(product)}</span>
                    </button>
                  ))}
                </div>
                <button type="button" className="button button--ghost" onClick={picking.onCancel}>{t('common.cancel')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div className="cart__total">
        <span>{t('kiosk.total')}</span>
        <strong data-testid="cart-total">{won(cart.total)}</strong>
      </div>
    </section>
  );
}
