import { ApiError } from '../api/http';
import { useI18n } from '../i18n/I18n';

export function Spinner({ label }: { label: string }) {
  return (
    <div className="status status--wait" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** A failure said plainly, with what the shopper or staff member can do about it. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="status status--error" role="alert">
      <span>{describeError(error, t)}</span>
      {onRetry && <button type="button" className="button button--ghost" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

export function describeError(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return t('common.rateLimited', { seconds: error.retryAfterSeconds ?? 10 });
    if (error.status === 502 || error.status === 503 || error.status === 504) return t('common.unavailable');
    return error.detail ?? error.title;
  }
  return t('common.error');
}
