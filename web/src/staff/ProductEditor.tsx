import { useState, type FormEvent } from 'react';
import { catalogApi, type ProductDraft } from '../api/catalog';
import { ApiError } from '../api/http';
import type { Category, Product } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ErrorNote } from '../components/Status';
import { useAsync } from '../components/useAsync';

function draftOf(product: Product | null, categories: Category[]): ProductDraft {
  return {
    sku: product?.sku ?? '',
    detectionLabel: product?.detectionLabel ?? null,
    nameKo: product?.nameKo ?? '',
    nameEn: product?.nameEn ?? '',
    brand: product?.brand ?? '',
    category: product?.category ?? categories[0]?.slug ?? '',
    price: product?.price ?? 1000,
    isActive: product?.isActive ?? true,
  };
}

/** Create or edit one product; price, stock and image are their own small forms, as they are their own API calls. */
export function ProductEditor({ product, categories, onSaved, onClose }: {
  product: Product | null; categories: Category[]; onSaved: () => void; onClose: () => void;
}) {
  const { t, name } = useI18n();
  const [draft, setDraft] = useState(() => draftOf(product, categories));
  const [stock, setStock] = useState(0);
  const [price, setPrice] = useState(product?.price ?? 0);
  const [delta, setDelta] = useState(0);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [note, setNote] = useState<string | null>(null);
  const movements = useAsync(
    (signal) => (product ? catalogApi.stockMovements(product.id) : Promise.resolve([])).then((list) => (signal.aborted ? [] : list)),
    [product?.id]);

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    setNote(null);
    try {
      await action();
      setNote(t('staff.saved'));
      onSaved();
    } catch (failure) {
      setError(failure instanceof ApiError && failure.status === 409 && failure.title.toLowerCase().includes('concurren')
        ? new ApiError(409, t('staff.conflict'), null, null, null) : failure);
    }
  };

  const field = <K extends keyof ProductDraft>(key: K) => (value: ProductDraft[K]) => setDraft({ ...draft, [key]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => (product
      ? catalogApi.update(product.id, { ...draft, version: product.version })
      : catalogApi.create({ ...draft, stock })));
  };

  return (
    <div className="panel editor" role="dialog" aria-label={product ? name(product) : t('staff.newProduct')}>
      <div className="row row--between">
        <h2>{product ? name(product) : t('staff.newProduct')}</h2>
        <button type="button" className="button button--ghost" onClick={onClose}>{t('common.close')}</button>
      </div>
      {error !== undefined && <ErrorNote error={error} />}
      {note && <p className="status status--ok" role="status">{note}</p>}
      <form className="form form--grid" onSubmit={submit}>
        <label>{t('staff.sku')}<input value={draft.sku} onChange={(e) => field('sku')(e.target.value)} required /></label>
        <label>{t('staff.label')}<input value={draft.detectionLabel ?? ''} onChange={(e) => field('detectionLabel')(e.target.value || null)} /></label>
        <label>{t('staff.nameKo')}<input value={draft.nameKo} onChange={(e) => field('nameKo')(e.target.value)} required /></label>
        <label>{t('staff.nameEn')}<input value={draft.nameEn} onChange={(e) => field('nameEn')(e.target.value)} required /></label>
        <label>{t('staff.brand')}<input value={draft.brand} onChange={(e) => field('brand')(e.target.value)} required /></label>
        <label>{t('staff.category')}
          <select value={draft.category} onChange={(e) => field('category')(e.target.value)}>
            {categories.map((category) => <option key={category.slug} value={category.slug}>{name(category)}</option>)}
          </select>
        </label>
        {!product && (
          <>
            <label>{t('staff.price')}<input type="number" min={0} value={draft.price} onChange={(e) => field('price')(Number(e.target.value))} /></label>
            <label>{t('staff.stock')}<input type="number" min={0} value={stock} onChange={(e) => setStock(Number(e.target.value))} /></label>
          </>
        )}
        <label className="check"><input type="checkbox" checked={draft.isActive} onChange={(e) => field('isActive')(e.target.checked)} />{t('staff.active')}</label>
        <button type="submit" className="button button--primary">{t('common.save')}</button>
      </form>

      {product && (
        <div className="editor__actions">
          <form className="form form--inline" aria-label={t('staff.price')}
            onSubmit={(e) => { e.preventDefault(); void run(() => catalogApi.setPrice(product.id, price)); }}>
            <label>{t('staff.price')}<input name="price" type="number" min={0} value={price} onChange={(e) => setPrice(Number(e.target.value))} /></label>
            <button type="submit" className="button">{t('common.save')}</button>
          </form>
          <form className="form form--inline" aria-label={t('staff.adjust')}
            onSubmit={(e) => { e.preventDefault(); void run(() => catalogApi.adjustStock(product.id, delta, reason)); }}>
            <label>{t('staff.delta')}<input name="delta" type="number" value={delta} onChange={(e) => setDelta(Number(e.target.value))} /></label>
            <label>{t('staff.reason')}<input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required /></label>
            <button type="submit" className="button">{t('staff.adjust')}</button>
          </form>
          <label className="button button--ghost file">
            {t('staff.image')}
            <input type="file" accept="image/png,image/jpeg,image/webp" hidden
              onChange={(e) => { const file = e.target.files?.[0]; if (file) void run(() => catalogApi.uploadImage(product.id, file)); }} />
          </label>
          {movements.data && movements.data.length > 0 && (
            <div>
              <h3>{t('staff.movements')}</h3>
              <ul className="list small">
                {movements.data.slice(0, 8).map((movement) => (
                  <li key={movement.createdAt + movement.delta}>
                    <span className={movement.delta < 0 ? 'danger' : 'ok'}>{movement.delta > 0 ? '+' : ''}{movement.delta}</span>
                    {' → '}{movement.stockAfter} · {movement.reason} · {new Date(movement.createdAt).toLocaleString()}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
