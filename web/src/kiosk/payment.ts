import { ApiError } from '../api/http';
import { cartApi, type PaymentToken } from '../api/cart';
import type { Order } from '../api/types';

export type PaymentOutcome =
  | { kind: 'paid'; order: Order }
  | { kind: 'declined' }
  | { kind: 'outOfStock'; detail: string }
  | { kind: 'unknown' };

const attempts = 3;
const answerTimeoutMs = 20000;
const retryPauseMs = 2000;

/**
 * Checkout with one Idempotency-Key for every attempt of the same payment: a lost answer, a timeout, a 5xx or a receipt
 * still `PaymentPending` is asked again with the same key, so the server replays the first outcome (or reconciles it)
 * and never charges twice.
 */
export async function payWithRetries(
  cartId: string, token: PaymentToken, idempotencyKey: string, onAttempt: (attempt: number) => void,
): Promise<PaymentOutcome> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    onAttempt(attempt);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), answerTimeoutMs);
    try {
      const order = await cartApi.checkout(cartId, token, idempotencyKey, controller.signal);
      // 202 PaymentPending: the charge's outcome is not known yet; the same key again makes Cart settle it with the provider.
      if (order.state === 'Paid') return { kind: 'paid', order };
    } catch (error) {
      if (error instanceof ApiError && error.status === 402) return { kind: 'declined' };
      // A first answer of 409 is short stock; later ones mean our own earlier attempt is still running.
      if (error instanceof ApiError && error.status === 409 && attempt === 1) {
        return { kind: 'outOfStock', detail: error.detail ?? error.title };
      }
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 429) {
        throw error;
      }
    } finally {
      clearTimeout(timer);
    }
    await new Promise((resolve) => setTimeout(resolve, retryPauseMs));
  }
  return { kind: 'unknown' };
}

/** A fresh Idempotency-Key; `crypto.randomUUID` exists only on secure origins, and a kiosk may be served over plain HTTP. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
