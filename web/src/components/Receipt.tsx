import type { Order } from '../api/types';
import { useI18n } from '../i18n/I18n';

export function Receipt({ order }: { order: Order }) {
  const { t, name, won } = useI18n();
  return (
    <div className="receipt" data-testid="receipt">
      <div className="receipt__head">
        <span className="muted">{t('kiosk.orderNumber')}</span>
        <strong className="mono" data-testid="order-number">{order.id}</strong>
        {order.paidAt && <span className="muted small">{new Date(order.paidAt).toLocaleString()}</span>}
      </div>
      <table className="table table--receipt">
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.productId}>
              <td>{name(line)}</td>
              <td className="num">{won(line.unitPrice)} × {line.quantity}</td>
              <td className="num">{won(line.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th colSpan={2}>{t('kiosk.total')}</th><th className="num">{won(order.total)}</th></tr>
        </tfoot>
      </table>
      {order.paymentReference && <p className="muted small mono">{order.paymentReference}</p>}
      {order.history && (
        <ol className="list small">
          {order.history.map((step) => <li key={step.state + step.at}>{step.state} · {new Date(step.at).toLocaleTimeString()}</li>)}
        </ol>
      )}
    </div>
  );
}
