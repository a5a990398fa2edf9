import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { catalogApi } from '../api/catalog';
import { searchApi } from '../api/search';
import { useI18n } from '../i18n/I18n';
import { Highlighted } from '../components/Highlighted';
import { ProductCard } from '../components/ProductCard';
import { SearchBox } from '../components/SearchBox';
import { ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';

const priceCaps = [1000, 2000, 3000, 5000];

export default function SearchPage() {
  const { t, name, won, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const inStock = params.get('inStock') === 'true';
  const maxPrice = params.get('maxPrice') ? Number(params.get('maxPrice')) : undefined;
  const [typed, setTyped] = useState(q);

  const categories = useAsync((signal) => catalogApi.categories(signal), []);
  const results = useAsync(
    (signal) => searchApi.products(q, { category: category || undefined, inStock, maxPrice }, signal),
    [q, category, inStock, maxPrice]);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };
  const facetCount = (slug: string) => results.data?.facets?.category?.find((facet) => facet.value === slug)?.count;

  return (
    <section className="page">
      <SearchBox value={typed} onChange={setTyped} autoFocus onSubmit={(value) => update({ q: value.trim() || null })}
        onPick={(suggestion) => { setTyped(suggestion.text.replace(/<[^>]+>/g, '')); update({ q: suggestion.text.replace(/<[^>]+>/g, '') }); }} />
      <div className="filters">
        <div className="chips">
          <button type="button" className={!category ? 'chip chip--on' : 'chip'} onClick={() => update({ category: null })}>{t('catalogue.all')}</button>
          {(categories.data ?? []).map((item) => (
            <button type="button" key={item.slug} className={category === item.slug ? 'chip chip--on' : 'chip'}
              aria-pressed={category === item.slug} onClick={() => update({ category: item.slug })}>
              {name(item)}{facetCount(item.slug) !== undefined && <span className="chip__count">{facetCount(item.slug)}</span>}
            </button>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={inStock} onChange={(event) => update({ inStock: event.target.checked ? 'true' : null })} />
          {t('search.inStock')}
        </label>
        <select aria-label={t('search.maxPrice')} value={maxPrice ?? ''} onChange={(event) => update({ maxPrice: event.target.value || null })}>
          <option value="">{t('search.anyPrice')}</option>
          {priceCaps.map((cap) => <option key={cap} value={cap}>≤ {won(cap)}</option>)}
        </select>
      </div>
      {results.loading && <Spinner label={t('common.loading')} />}
      {results.error !== undefined && <ErrorNote error={results.error} onRetry={results.reload} />}
      {results.data && q && <p className="muted">{t('search.results', { q, total: results.data.total })}</p>}
      {results.data?.items.length === 0 && <p className="muted">{t('search.none')}</p>}
      <div className="grid">
        {(results.data?.items ?? []).map((hit) => {
          const highlight = language === 'ko' ? hit.highlight?.nameKo : hit.highlight?.nameEn;
          return <ProductCard key={hit.productId} product={hit} title={highlight ? <Highlighted text={highlight} /> : undefined} />;
        })}
      </div>
    </section>
  );
}
