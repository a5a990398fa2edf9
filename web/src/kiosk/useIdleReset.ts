import { useEffect, useRef, useState } from 'react';

/**
 * Calls `onIdle` after `timeoutMs` without a touch, key or `poke()`, and counts down the last `warnMs` so the shopper
 * can say they are still there. Inactive while `enabled` is false.
 */
export function useIdleReset(enabled: boolean, timeoutMs: number, warnMs: number, onIdle: () => void) {
  const lastActivity = useRef(Date.now());
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const idle = useRef(onIdle);
  idle.current = onIdle;

  useEffect(() => {
    if (!enabled) {
      setSecondsLeft(null);
      return;
    }
    lastActivity.current = Date.now();
    const touch = () => { lastActivity.current = Date.now(); };
    window.addEventListener('pointerdown', touch);
    window.addEventListener('keydown', touch);
    const timer = setInterval(() => {
      const left = timeoutMs - (Date.now() - lastActivity.current);
      if (left <= 0) {
        setSecondsLeft(null);
        idle.current();
      } else {
        setSecondsLeft(left <= warnMs ? Math.ceil(left / 1000) : null);
      }
    }, 250);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', touch);
      window.removeEventListener('keydown', touch);
    };
  }, [enabled, timeoutMs, warnMs]);

  return { secondsLeft, poke: () => { lastActivity.current = Date.now(); } };
}
