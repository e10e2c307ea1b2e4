import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * crypto.randomUUID only exists in secure contexts; a till PC opening the console over
 * plain http on the shop LAN is not one, so fall back to a v4 UUID from getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A key minted each time a form opens and kept until it closes, so a double click or a
 * retry after a timeout replays the same write instead of booking it twice.
 */
export function useIdempotencyKey(open: boolean): string {
  const [key, setKey] = useState(newIdempotencyKey);
  useEffect(() => {
    if (open) setKey(newIdempotencyKey());
  }, [open]);
  return key;
}

/**
 * The key for each submit of a form while it is open: the same values again (a double click, a
 * retry after a timeout) replay the same key; values corrected after an error are a new request,
 * which the server would refuse under the old key (idempotency_conflict).
 */
export function useAttemptKey(open: boolean): (values: unknown) => string {
  const openedKey = useIdempotencyKey(open);
  const last = useRef<{ values: string; key: string } | null>(null);
  useEffect(() => { if (open) last.current = null; }, [open]);
  return useCallback((values: unknown) => {
    last.current = nextAttempt(last.current, values, openedKey);
    return last.current.key;
  }, [openedKey]);
}

/** The attempt after `previous`: the opened key first, the same key for the same values, a new one for others. */
export function nextAttempt(previous: { values: string; key: string } | null, values: unknown, openedKey: string): { values: string; key: string } {
  const sent = JSON.stringify(values);
  return { values: sent, key: !previous ? openedKey : previous.values === sent ? previous.key : newIdempotencyKey() };
}
