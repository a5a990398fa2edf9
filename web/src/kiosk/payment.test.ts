import { afterEach, describe, expect, it, vi } from 'vitest';
import { payWithRetries } from './payment';

const receipt = (state: string) => ({ id: 'order-1', state, lines: [], total: 2300 });

/** Answers the checkout calls in turn and records the Idempotency-Key of each. */
function checkoutAnswers(...answers: { status: number; body: unknown }[]) {
  const keys: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (_path: string, init: RequestInit) => {
    keys.push((init.headers as Record<string, string>)['Idempotency-Key']);
    const answer = answers.shift()!;
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': type } });
  }));
  return keys;
}

async function pay(token: 'tok_visa' | 'tok_decline' | 'tok_timeout') {
  vi.useFakeTimers();
  const outcome = payWithRetries('cart-1', token, 'key-1', () => undefined);
  await vi.runAllTimersAsync();
  return outcome;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('payWithRetries', () => {
  it('asks again with the same key while the receipt is PaymentPending, and shows the receipt once it is Paid', async () => {
    const keys = checkoutAnswers({ status: 202, body: receipt('PaymentPending') }, { status: 201, body: receipt('Paid') });

    expect(await pay('tok_timeout')).toEqual({ kind: 'paid', order: receipt('Paid') });
    expect(keys).toEqual(['key-1', 'key-1']);
  });

  it('never calls a PaymentPending receipt paid', async () => {
    const pending = { status: 202, body: receipt('PaymentPending') };
    const keys = checkoutAnswers(pending, pending, pending);

    expect(await pay('tok_timeout')).toEqual({ kind: 'unknown' });
    expect(keys).toEqual(['key-1', 'key-1', 'key-1']);
  });

  it('stops at a declined card', async () => {
    const keys = checkoutAnswers({ status: 402, body: { title: 'Payment declined', status: 402 } });

    expect(await pay('tok_decline')).toEqual({ kind: 'declined' });
    expect(keys).toHaveLength(1);
  });
});
