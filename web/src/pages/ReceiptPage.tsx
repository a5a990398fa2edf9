import { useParams } from 'react-router-dom';
import { orderApi } from '../api/cart';
import { useI18n } from '../i18n/I18n';
import { Receipt } from '../components/Receipt';
import { ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';

/** The receipt a shopper opens on a phone from the kiosk's QR code. */
export default function ReceiptPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const order = useAsync(() => orderApi.get(id), [id]);
  return (
    <section className="page page--narrow">
      <h1>{t('staff.receipt')}</h1>
      {order.loading && <Spinner label={t('common.loading')} />}
      {order.error !== undefined && <ErrorNote error={order.error} onRetry={order.reload} />}
      {order.data && <div className="panel"><Receipt order={order.data} /></div>}
    </section>
  );
}
