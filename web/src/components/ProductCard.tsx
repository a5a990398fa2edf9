import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18n';
import { ProductImage } from './ProductImage';

export interface CardProduct {
  nameKo: string;
  nameEn: string;
  brand: string;
  price: number;
  stock: number;
  imageUrl: string | null;
}

export function ProductCard({ product, title, action }: { product: CardProduct; title?: ReactNode; action?: ReactNode }) {
  const { t, name, won, language } = useI18n();
  const soldOut = product.stock <= 0;
  return (
    <article className={soldOut ? 'card card--sold-out' : 'card'} data-testid="product-card">
      <div className="card__media">
        <ProductImage url={product.imageUrl} alt={name(product)} />
        {soldOut && <span className="badge badge--sold-out">{t('catalogue.soldOut')}</span>}
        {!soldOut && product.stock <= 3 && <span className="badge badge--few">{t('catalogue.fewLeft', { stock: product.stock })}</span>}
      </div>
      <div className="card__body">
        <span className="card__brand">{product.brand}</span>
        <h3 className="card__name">{title ?? name(product)}</h3>
        {language === 'ko' && product.nameEn && <span className="card__alt">{product.nameEn}</span>}
        <span className="card__price" data-testid="product-price">{won(product.price)}</span>
        {action}
      </div>
    </article>
  );
}
