import { useState } from 'react';
import { catalogApi } from '../api/catalog';
import type { Product } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ProductImage } from '../components/ProductImage';
import { ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';
import { ProductEditor } from './ProductEditor';

export function ProductsAdmin() {
  const { t, name, won } = useI18n();
  const products = useAsync((signal) => catalogApi.allProducts(signal), []);
  const categories = useAsync((signal) => catalogApi.categories(signal), []);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);

  const saved = () => {
    setEditing(null);
    products.reload();
  };

  return (
    <div className="stack">
      <div className="row row--end">
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>{t('staff.newProduct')}</button>
      </div>
      {editing && (
        <ProductEditor product={editing === 'new' ? null : editing} categories={categories.data ?? []}
          onSaved={saved} onClose={() => setEditing(null)} />
      )}
      {products.loading && !products.data && <Spinner label={t('common.loading')} />}
      {products.error !== undefined && <ErrorNote error={products.error} onRetry={products.reload} />}
      <table className="table">
        <thead>
          <tr>
            <th />
            <th>{t('staff.sku')}</th>
            <th>{t('staff.nameKo')}</th>
            <th className="num">{t('staff.price')}</th>
            <th className="num">{t('staff.stock')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(products.data ?? []).map((product) => (
            <tr key={product.id} data-testid={`staff-product-${product.sku}`}>
              <td><ProductImage url={product.imageUrl} alt="" size="thumb" /></td>
              <td className="mono">{product.sku}</td>
              <td>{name(product)}<div className="muted small">{product.brand}</div></td>
              <td className="num">{won(product.price)}</td>
              <td className={product.stock === 0 ? 'num danger' : 'num'}>{product.stock}</td>
              <td><button type="button" className="button button--ghost" onClick={() => setEditing(product)}>{t('staff.edit')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
