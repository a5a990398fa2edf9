import { useMemo, useState } from 'react';
import { catalogApi } from '../api/catalog';
import { useI18n } from '../i18n/I18n';
import { ProductCard } from '../components/ProductCard';
import { ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';

export function CataloguePage() {
  const { t, name } = useI18n();
  const [category, setCategory] = useState<string>('');
  const categories = useAsync((signal) => catalogApi.categories(signal), []);
  const products = useAsync((signal) => catalogApi.allProducts(signal), []);

  const shown = useMemo(
    () => (products.data ?? []).filter((product) => !category || product.category === category),
    [products.data, category]);

  return (
    <section className="page">
      <div className="page__head">
        <div>
          <h1>{t('catalogue.title')}</h1>
          {products.data && <p className="muted">{t('catalogue.subtitle', { count: products.data.length })}</p>}
        </div>
      </div>
      <div className="chips" role="group" aria-label={t('staff.category')}>
        <button type="button" className={category === '' ? 'chip chip--on' : 'chip'} aria-pressed={category === ''}
          onClick={() => setCategory('')}>{t('catalogue.all')}</button>
        {(categories.data ?? []).map((item) => (
          <button type="button" key={item.slug} className={category === item.slug ? 'chip chip--on' : 'chip'}
            aria-pressed={category === item.slug} onClick={() => setCategory(item.slug)}>{name(item)}</button>
        ))}
      </div>
      {products.loading && !products.data && <Spinner label={t('common.loading')} />}
      {products.error !== undefined && <ErrorNote error={products.error} onRetry={products.reload} />}
      {products.data && shown.length === 0 && <p className="muted">{t('catalogue.empty')}</p>}
      <div className="grid">
        {shown.map((product) => <ProductCard key={product.id} product={product} />)}
      </div>
    </section>
  );
}
