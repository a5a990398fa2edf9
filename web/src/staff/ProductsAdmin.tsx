import { useState } from 'react';
import { catalogApi } from '../api/catalog';
import { useI18n } from '../i18n/I18n';
import { ProductImage } from '../components/ProductImage';
import { ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';
import { ProductEditor } from './ProductEditor';

export function ProductsAdmin() {
  const { t, name, won } = useI18n();
  const products = useAsync((signal) => catalogApi.allProducts(signal), []);
  const categories = useAsync((signal) => catalogApi.categories(signal), []);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const editedProduct = typeof editing === 'number' ? products.data?.find((product) => product.id === editing) ?? null : null;

  // A new product closes its form; an edited one stays open, refreshed, for the next change.
  const saved = () => {
    if (editing === 'new') setEditing(null);
    products.reload();
  };

  return (
    <div className="stack">
      <div className="row row--end">
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>{t('staff.newProduct')}</button>
      </div>
      {(editing === 'new' || editedProduct) && (
        <ProductEditor key={editing} product={editedProduct} categories={categories.data ?? []}
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
              <td><button type="button" className="button button--ghost" onClick={() => setEditing(product.id)}>{t('staff.edit')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
