import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { catalogApi } from '../api/catalog';
import { checklistApi } from '../api/cart';
import type { Checklist } from '../api/types';
import { checklistRows, checklistUrl, parseChecklistCode, withQuantity } from '../checklist/checklist';
import { useI18n } from '../i18n/I18n';
import { ProductCard } from '../components/ProductCard';
import { ProductImage } from '../components/ProductImage';
import { QrCode } from '../components/QrCode';
import { ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';

const ticksKey = (code: string) => `icecheckout.checklist.${code}.ticked`;

/** A shopping list made on a phone: share it by code and QR code, tick items off while shopping. */
export default function ChecklistPage() {
  const { t, name } = useI18n();
  const { code } = useParams();
  const navigate = useNavigate();
  const products = useAsync((signal) => catalogApi.allProducts(signal), []);
  const [checklist, setChecklist] = useState<Checklist | null>(null);
  const [error, setError] = useState<unknown>();
  const [typed, setTyped] = useState('');
  const [ticked, setTicked] = useState<number[]>([]);

  useEffect(() => {
    if (!code) return;
    setError(undefined);
    checklistApi.get(code).then(setChecklist, setError);
    setTicked(JSON.parse(localStorage.getItem(ticksKey(code)) ?? '[]') as number[]);
  }, [code]);

  const create = async () => {
    try {
      const created = await checklistApi.create();
      navigate(`/checklist/${created.code}`);
    } catch (failure) {
      setError(failure);
    }
  };

  const setQuantity = async (productId: number, quantity: number) => {
    if (!checklist) return;
    const before = checklist;
    setChecklist(withQuantity(checklist, productId, quantity));
    try {
      const saved = quantity > 0
        ? await checklistApi.setItem(checklist.code, productId, quantity)
        : await checklistApi.removeItem(checklist.code, productId);
      if (saved) setChecklist(saved);
    } catch (failure) {
      setChecklist(before);
      setError(failure);
    }
  };

  const toggle = (productId: number) => {
    if (!checklist) return;
    const next = ticked.includes(productId) ? ticked.filter((id) => id !== productId) : [...ticked, productId];
    setTicked(next);
    localStorage.setItem(ticksKey(checklist.code), JSON.stringify(next));
  };

  if (!code) {
    const parsed = parseChecklistCode(typed);
    return (
      <section className="page page--narrow">
        <h1>{t('checklist.title')}</h1>
        <p className="muted">{t('checklist.intro')}</p>
        {error !== undefined && <ErrorNote error={error} />}
        <div className="panel stack">
          <button type="button" className="button button--primary button--big" onClick={() => void create()}>{t('checklist.new')}</button>
          <form className="form form--inline" onSubmit={(event) => { event.preventDefault(); if (parsed) navigate(`/checklist/${parsed}`); }}>
            <label>{t('checklist.code')}<input value={typed} onChange={(event) => setTyped(event.target.value)} placeholder="ABCD23" /></label>
            <button type="submit" className="button" disabled={!parsed}>{t('checklist.open')}</button>
          </form>
        </div>
      </section>
    );
  }

  const rows = checklist ? checklistRows(checklist, products.data ?? []) : [];
  const inList = new Set(checklist?.items.map((item) => item.productId));
  return (
    <section className="page">
      <h1>{t('checklist.title')}</h1>
      {error !== undefined && <ErrorNote error={error} />}
      {!checklist && error === undefined && <Spinner label={t('common.loading')} />}
      {checklist && (
        <div className="split split--checklist">
          <div className="panel share">
            <span className="muted">{t('checklist.share')}</span>
            <strong className="share__code" data-testid="checklist-code">{checklist.code}</strong>
            <QrCode text={checklistUrl(window.location.origin, checklist.code)} label={checklist.code} />
          </div>
          <div className="panel">
            <h2>{t('checklist.items')}</h2>
            {rows.length === 0 && <p className="muted">{t('checklist.empty')}</p>}
            <ul className="list">
              {rows.map(({ product, quantity }) => (
                <li key={product.id} className={ticked.includes(product.id) ? 'tick tick--done' : 'tick'}>
                  <label className="check">
                    <input type="checkbox" checked={ticked.includes(product.id)} onChange={() => toggle(product.id)} aria-label={t('checklist.done')} />
                    <ProductImage url={product.imageUrl} alt="" size="thumb" />
                    <span>{name(product)}</span>
                  </label>
                  <div className="line__qty">
                    <button type="button" className="qty" onClick={() => void setQuantity(product.id, quantity - 1)}>−</button>
                    <span className="qty__value">{quantity}</span>
                    <button type="button" className="qty" onClick={() => void setQuantity(product.id, quantity + 1)}>+</button>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {checklist && (
        <div className="grid grid--compact">
          {(products.data ?? []).filter((product) => !inList.has(product.id)).map((product) => (
            <ProductCard key={product.id} product={product}
              action={<button type="button" className="button" onClick={() => void setQuantity(product.id, 1)}>{t('checklist.add')}</button>} />
          ))}
        </div>
      )}
    </section>
  );
}
