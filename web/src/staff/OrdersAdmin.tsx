import { useState } from 'react';
import { orderApi } from '../api/cart';
import type { Order } from '../api/types';
import { useI18n } from '../i18n/I18n';
import { ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';
import { Receipt } from '../components/Receipt';

function dayBounds(day: string) {
  const from = new Date(`${day}T00:00:00`);
  const to = new Date(from.getTime() + 24 * 3600 * 1000);
  return { from: from.toISOString(), to: to.toISOString() };
}

function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

export function OrdersAdmin() {
  const { t, won } = useI18n();
  const [day, setDay] = useState(today);
  const [selected, setSelected] = useState<Order | null>(null);
  const [restock, setRestock] = useState(true);
  const [actionError, setActionError] = useState<unknown>();
  const orders = useAsync(async () => {
    const { from, to } = dayBounds(day);
    return (await orderApi.list(from, to)).data;
  }, [day]);

  const open = async (id: string) => {
    setActionError(undefined);
    try {
      setSelected(await orderApi.get(id));
    } catch (error) {
      setActionError(error);
    }
  };

  const refund = async (order: Order) => {
    setActionError(undefined);
    try {
      setSelected(await orderApi.refund(order.id, restock));
      orders.reload();
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <div className="split">
      <div className="stack">
        <label className="row">{t('staff.day')}<input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></label>
        {orders.loading && <Spinner label={t('common.loading')} />}
        {orders.error !== undefined && <ErrorNote error={orders.error} onRetry={orders.reload} />}
        {orders.data?.length === 0 && <p className="muted">{t('staff.noOrders')}</p>}
        {!selected && actionError !== undefined && <ErrorNote error={actionError} />}
        <ul className="list list--select">
          {(orders.data ?? []).map((order) => (
            <li key={order.id}>
              <button type="button" onClick={() => void open(order.id)} aria-pressed={selected?.id === order.id}>
                <span className="mono">{order.id.slice(0, 8)}</span>
                <span className={`pill pill--${order.state.toLowerCase()}`}>{order.state}</span>
                <span className="num">{won(order.total)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      {selected && (
        <div className="panel">
          <h2>{t('staff.receipt')}</h2>
          <Receipt order={selected} />
          {actionError !== undefined && <ErrorNote error={actionError} />}
          {selected.state === 'Paid' && (
            <div className="row">
              <label className="check"><input type="checkbox" checked={restock} onChange={(e) => setRestock(e.target.checked)} />{t('staff.restock')}</label>
              <button type="button" className="button button--danger" onClick={() => void refund(selected)}>{t('staff.refund')}</button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
