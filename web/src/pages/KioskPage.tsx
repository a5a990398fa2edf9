import { useCallback, useEffect, useMemo, useState } from 'react';
import { cartApi, type PaymentToken } from '../api/cart';
import { catalogApi } from '../api/catalog';
import { ApiError } from '../api/http';
import type { Cart, CartLine, Detection, Order, Product } from '../api/types';
import { checklistProgress, parseChecklistCode } from '../checklist/checklist';
import { useI18n } from '../i18n/I18n';
import { CartView } from '../components/CartView';
import { IceCreamArt } from '../components/IceCreamArt';
import { DetectionOverlay } from '../components/DetectionOverlay';
import { QrCode } from '../components/QrCode';
import { Receipt } from '../components/Receipt';
import { SearchBox } from '../components/SearchBox';
import { describeError, ErrorNote, Spinner } from '../components/Status';
import { useAsync } from '../components/useAsync';
import { framesFromFiles, useCamera, useStillTrayCapture, type CapturedFrames } from '../kiosk/camera';
import { lookAlikes } from '../kiosk/lookAlikes';
import { newIdempotencyKey, payWithRetries } from '../kiosk/payment';
import { useIdleReset } from '../kiosk/useIdleReset';
import { useQrReader } from '../kiosk/useQrReader';

type Phase = 'welcome' | 'shopping' | 'receipt';
interface Shown extends CapturedFrames {
  fromUpload: boolean;
  at: number;
}
// A scanned camera frame stays on screen at least this long before the live view comes back with the next movement.
const shownAtLeastMs = 4000;
type ScanState =
  | { kind: 'idle' }
  | { kind: 'waiting' }
  | { kind: 'scanning' }
  | { kind: 'unavailable'; seconds: number; frames: CapturedFrames }
  | { kind: 'failed'; message: string };
type PayState =
  | { kind: 'idle' }
  | { kind: 'paying'; attempt: number }
  | { kind: 'failed'; message: string; retryKey?: { token: PaymentToken; key: string } };
type Drawer = null | 'add' | 'checklist' | 'pay';

const idleTimeoutMs = 60000;
const idleWarnMs = 15000;
const tokens: { token: PaymentToken; label: 'kiosk.card.visa' | 'kiosk.card.decline' | 'kiosk.card.timeout' }[] = [
  { token: 'tok_visa', label: 'kiosk.card.visa' },
  { token: 'tok_decline', label: 'kiosk.card.decline' },
  { token: 'tok_timeout', label: 'kiosk.card.timeout' },
];

export default function KioskPage() {
  const { t, name, won, language, setLanguage } = useI18n();
  const [phase, setPhase] = useState<Phase>('welcome');
  const [cart, setCart] = useState<Cart | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [captured, setCaptured] = useState<Shown | null>(null);
  const [detections, setDetections] = useState<Detection[]>([]);
  const [scan, setScan] = useState<ScanState>({ kind: 'idle' });
  const [pay, setPay] = useState<PayState>({ kind: 'idle' });
  const [order, setOrder] = useState<Order | null>(null);
  const [drawer, setDrawer] = useState<Drawer>(null);
  const [picking, setPicking] = useState<CartLine | null>(null);
  const [query, setQuery] = useState('');
  const [code, setCode] = useState('');
  const products = useAsync((signal) => catalogApi.allProducts(signal), []);
  const productsById = useMemo(() => new Map((products.data ?? []).map((product) => [product.id, product])), [products.data]);

  const { videoRef, state: camera } = useCamera(phase === 'shopping');

  const reset = useCallback(() => {
    setPhase('welcome');
    setCart(null);
    setCaptured(null);
    setDetections([]);
    setScan({ kind: 'idle' });
    setPay({ kind: 'idle' });
    setOrder(null);
    setDrawer(null);
    setPicking(null);
    setError(undefined);
  }, []);
  const idle = useIdleReset(phase !== 'welcome' && pay.kind !== 'paying', idleTimeoutMs, idleWarnMs, reset);

  const start = async () => {
    setError(undefined);
    setBusy(true);
    try {
      setCart(await cartApi.create());
      setPhase('shopping');
      setScan({ kind: 'waiting' });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const sendScan = useCallback(async (frames: CapturedFrames, fromUpload = false) => {
    if (!cart) return;
    idle.poke();
    setCaptured({ ...frames, fromUpload, at: Date.now() });
    setDetections([]);
    setScan({ kind: 'scanning' });
    try {
      const result = await cartApi.scan(cart.id, frames.frames);
      setCart(result.cart);
      setDetections(result.detections.filter((detection) => detection.frame === 0));
      setScan({ kind: 'waiting' });
    } catch (failure) {
      if (failure instanceof ApiError && (failure.status === 503 || failure.status === 429)) {
        setScan({ kind: 'unavailable', seconds: failure.retryAfterSeconds ?? 5, frames });
      } else {
        setScan({ kind: 'failed', message: describeError(failure, t) });
      }
    }
  }, [cart, idle, t]);

  // Detection unavailable: count down what the service asked for, then send the same frames again.
  useEffect(() => {
    if (scan.kind !== 'unavailable') return;
    const timer = setTimeout(() => {
      if (scan.seconds <= 1) void sendScan(scan.frames);
      else setScan({ ...scan, seconds: scan.seconds - 1 });
    }, 1000);
    return () => clearTimeout(timer);
  }, [scan, sendScan]);

  const video = videoRef.current;
  const scanning = scan.kind === 'scanning' || scan.kind === 'unavailable';
  useStillTrayCapture(video, camera === 'live' && phase === 'shopping', scanning || drawer === 'checklist', (frames) => void sendScan(frames),
    (state) => {
      if (state === 'moving' && captured && !captured.fromUpload && scan.kind === 'waiting' && Date.now() - captured.at > shownAtLeastMs) setCaptured(null);
    });

  const change = async (action: () => Promise<Cart>) => {
    setBusy(true);
    setError(undefined);
    try {
      setCart(await action());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const linkChecklist = useCallback(async (text: string) => {
    const parsed = parseChecklistCode(text);
    if (!parsed || !cart) return;
    setDrawer(null);
    await change(() => cartApi.linkChecklist(cart.id, parsed));
  }, [cart]); // eslint-disable-line react-hooks/exhaustive-deps
  useQrReader(video, drawer === 'checklist' && camera === 'live', (text) => void linkChecklist(text));

  const startPayment = async (token: PaymentToken, key = newIdempotencyKey()) => {
    if (!cart) return;
    setPay({ kind: 'paying', attempt: 1 });
    try {
      const outcome = await payWithRetries(cart.id, token, key, (attempt) => setPay({ kind: 'paying', attempt }));
      switch (outcome.kind) {
        case 'paid':
          setOrder(outcome.order);
          setPhase('receipt');
          setPay({ kind: 'idle' });
          setDrawer(null);
          break;
        case 'declined':
          setPay({ kind: 'failed', message: t('kiosk.declined') });
          break;
        case 'outOfStock':
          setPay({ kind: 'failed', message: t('kiosk.outOfStock', { detail: outcome.detail }) });
          break;
        case 'unknown':
          setPay({ kind: 'failed', message: t('kiosk.payUnknown'), retryKey: { token, key } });
          break;
      }
    } catch (failure) {
      setPay({ kind: 'failed', message: describeError(failure, t) });
    }
  };

  const labelOf = (detection: Detection) => {
    const product = detection.productId ? productsById.get(detection.productId) : undefined;
    return `${product ? name(product) : detection.label} ${Math.round(detection.score * 100)}%`;
  };
  const localMatches = (products.data ?? [])
    .filter((product) => query.trim() && `${product.nameKo} ${product.nameEn} ${product.brand}`.toLowerCase().includes(query.trim().toLowerCase()))
    .slice(0, 8);

  if (phase === 'welcome') {
    return (
      <div className="kiosk-screen kiosk-screen--welcome" onClick={() => void start()} role="button" tabIndex={0}
        onKeyDown={(event) => event.key === 'Enter' && void start()}>
        <div className="welcome">
          <IceCreamArt className="welcome__art" size={220} />
          <h1>{t('kiosk.welcome')}</h1>
          <p>{t('kiosk.welcomeHint')}</p>
          <ol className="steps">
            <li><span>1</span>{t('kiosk.step.place')}</li>
            <li><span>2</span>{t('kiosk.step.check')}</li>
            <li><span>3</span>{t('kiosk.step.pay')}</li>
          </ol>
          {busy ? <Spinner label={t('common.loading')} /> : <span className="button button--primary button--huge">{t('kiosk.start')}</span>}
          {error !== undefined && <ErrorNote error={error} />}
          <button type="button" className="lang lang--kiosk" onClick={(event) => { event.stopPropagation(); setLanguage(language === 'ko' ? 'en' : 'ko'); }}>
            {t('lang.switch')}
          </button>
        </div>
      </div>
    );
  }

  if (phase === 'receipt' && order) {
    const receiptUrl = `${window.location.origin}/orders/${order.id}`;
    return (
      <div className="kiosk-screen">
        <div className="panel receipt-card">
          <h1>{t('kiosk.thanks')}</h1>
          <Receipt order={order} />
          <div className="receipt-card__qr">
            <QrCode text={receiptUrl} label={t('kiosk.receiptQr')} size={200} />
            <span>{t('kiosk.receiptQr')}</span>
          </div>
          <button type="button" className="button button--primary button--big" onClick={reset}>{t('kiosk.newOrder')}</button>
        </div>
        {idle.secondsLeft !== null && <IdleBanner seconds={idle.secondsLeft} onStay={idle.poke} />}
      </div>
    );
  }

  const needsCheck = cart?.lines.some((line) => line.needsCheck) ?? false;
  return (
    <div className="kiosk">
      <header className="kiosk__bar">
        <strong className="kiosk__brand"><IceCreamArt size={36} />{t('app.name')}</strong>
        <div className="row">
          <button type="button" className="button button--ghost" onClick={() => setDrawer(drawer === 'checklist' ? null : 'checklist')}>{t('kiosk.checklist')}</button>
          <button type="button" className="button button--ghost" onClick={() => setDrawer(drawer === 'add' ? null : 'add')}>{t('kiosk.addManually')}</button>
          <button type="button" className="lang" onClick={() => setLanguage(language === 'ko' ? 'en' : 'ko')}>{t('lang.switch')}</button>
        </div>
      </header>

      <section className="stage" aria-label="camera">
        <video ref={videoRef} className={captured ? 'stage__video stage__video--hidden' : 'stage__video'} muted playsInline />
        {captured && (
          <DetectionOverlay imageUrl={captured.previewUrl} imageSize={{ width: captured.width, height: captured.height }}
            detections={detections} labelOf={labelOf} />
        )}
        <div className="stage__status" aria-live="polite">
          {camera === 'starting' && <Spinner label={t('kiosk.cameraStarting')} />}
          {camera === 'live' && scan.kind === 'waiting' && !captured && <span className="status status--hint">{t('kiosk.waitingStill')}</span>}
          {scan.kind === 'scanning' && <Spinner label={t('kiosk.scanning')} />}
          {scan.kind === 'unavailable' && <span className="status status--warn" role="alert">{t('kiosk.detectionUnavailable', { seconds: scan.seconds })}</span>}
          {scan.kind === 'failed' && <span className="status status--error" role="alert">{scan.message}</span>}
        </div>
        <div className="stage__actions">
          {camera === 'unavailable' && <span className="status status--hint">{t('kiosk.noCamera')}</span>}
          <label className={camera === 'unavailable' ? 'button button--primary button--big file' : 'button button--ghost file'}>
            {t('kiosk.upload')}
            <input type="file" accept="image/*" multiple hidden data-testid="tray-upload"
              onChange={(event) => {
                const files = Array.from(event.target.files ?? []);
                event.target.value = '';
                if (files.length) void framesFromFiles(files).then((frames) => sendScan(frames, true));
              }} />
          </label>
          {captured && scan.kind !== 'scanning' && (
            <button type="button" className="button" onClick={() => void sendScan(captured, captured.fromUpload)}>{t('kiosk.scanAgain')}</button>
          )}
        </div>
      </section>

      <aside className="side">
        {error !== undefined && <ErrorNote error={error} />}
        {cart && (
          <CartView cart={cart} busy={busy}
            onConfirm={(line) => void change(() => cartApi.resolveLine(cart.id, line.productId, { action: 'confirm' }))}
            onAskOther={(line) => setPicking(line)}
            onQuantity={(line, quantity) => void change(() => cartApi.setQuantity(cart.id, line.productId, quantity))}
            onRemove={(line) => void change(() => cartApi.removeLine(cart.id, line.productId))}
            picking={picking && {
              line: picking,
              candidates: lookAlikes(picking.productId, products.data ?? []),
              onCancel: () => setPicking(null),
              onPick: (product: Product) => {
                const line = picking;
                setPicking(null);
                void change(() => cartApi.resolveLine(cart.id, line.productId, { action: 'swap', productId: product.id }));
              },
            }} />
        )}
        {cart?.checklist && (
          <div className="panel checklist-status" data-testid="kiosk-checklist">
            <strong>{t('checklist.title')} {cart.checklist.code} · {checklistProgress(cart.checklist).done}/{checklistProgress(cart.checklist).total}</strong>
            <ul className="list small">
              {cart.checklist.items.map((item) => {
                const product = productsById.get(item.productId);
                return (
                  <li key={item.productId} className={`check-item check-item--${item.status}`}>
                    <span>{product ? name(product) : `#${item.productId}`} {t('checklist.wanted', { count: item.wanted })}</span>
                    <span className={`pill pill--${item.status.toLowerCase()}`}>{t(`checklist.status.${item.status}`)}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        )}

        {drawer === 'add' && cart && (
          <div className="panel drawer">
            <SearchBox value={query} onChange={setQuery} autoFocus
              onPick={(suggestion) => { setQuery(''); void change(() => cartApi.addLine(cart.id, suggestion.productId, 1)); }} />
            <div className="picker__grid">
              {localMatches.map((product) => (
                <button type="button" key={product.id} className="picker__item" disabled={product.stock <= 0}
                  onClick={() => { setQuery(''); void change(() => cartApi.addLine(cart.id, product.id, 1)); }}>
                  <span>{name(product)}</span><span className="muted">{won(product.price)}</span>
                </button>
              ))}
            </div>
          </div>
        )}
        {drawer === 'checklist' && (
          <div className="panel drawer">
            <form className="form form--inline" onSubmit={(event) => { event.preventDefault(); void linkChecklist(code); }}>
              <label>{t('kiosk.checklistCode')}<input value={code} onChange={(event) => setCode(event.target.value)} autoFocus /></label>
              <button type="submit" className="button button--primary" disabled={!parseChecklistCode(code)}>{t('kiosk.load')}</button>
            </form>
            {camera === 'live' && <p className="muted">{t('kiosk.scanQr')}</p>}
          </div>
        )}

        {cart && cart.lines.length > 0 && (
          <div className="pay">
            {pay.kind === 'paying' && <Spinner label={pay.attempt > 1 ? t('kiosk.payRetrying', { attempt: pay.attempt }) : t('kiosk.paying')} />}
            {pay.kind === 'failed' && (
              <div className="status status--error" role="alert">
                <span>{pay.message}</span>
                {pay.retryKey && (
                  <button type="button" className="button" onClick={() => void startPayment(pay.retryKey!.token, pay.retryKey!.key)}>{t('common.retry')}</button>
                )}
              </div>
            )}
            {needsCheck && <p className="pay__hint">{t('kiosk.checkFirst')}</p>}
            {drawer === 'pay' && pay.kind !== 'paying' ? (
              <div className="panel drawer">
                <strong>{t('kiosk.payWith')}</strong>
                <div className="cards">
                  {tokens.map(({ token, label }) => (
                    <button type="button" key={token} className="card-token" data-token={token} onClick={() => void startPayment(token)}>
                      <span className="card-token__chip" aria-hidden="true" />
                      {t(label)}
                    </button>
                  ))}
                </div>
              </div>
            ) : (
              <button type="button" className="button button--primary button--pay" disabled={needsCheck || pay.kind === 'paying'}
                onClick={() => setDrawer('pay')}>{t('kiosk.pay', { amount: new Intl.NumberFormat('ko-KR').format(cart.total) })}</button>
            )}
          </div>
        )}
      </aside>
      {idle.secondsLeft !== null && <IdleBanner seconds={idle.secondsLeft} onStay={idle.poke} />}
    </div>
  );
}

function IdleBanner({ seconds, onStay }: { seconds: number; onStay: () => void }) {
  const { t } = useI18n();
  return (
    <div className="idle" role="alertdialog" aria-live="assertive">
      <span>{t('kiosk.idleReset', { seconds })}</span>
      <button type="button" className="button button--primary" onClick={onStay}>{t('kiosk.stillThere')}</button>
    </div>
  );
}
