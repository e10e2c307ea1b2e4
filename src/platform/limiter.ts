// Rate limits (staff sign-in, the public survey links): a sliding window of attempts per key
// (a client address, a username), kept in this process's memory. One process is what Patron runs as; behind
// several instances each keeps its own window (the per-account lock-out in the database
// still holds across all of them).

export interface Window {
  /** How many attempts the window allows. */
  max: number;
  ms: number;
}

export function slidingWindow(limit: Window) {
  const hits = new Map<string, number[]>();
  const recent = (key: string, now: number) => (hits.get(key) ?? []).filter((t) => now - t < limit.ms);
  return {
    /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
    retryAfter(key: string, now = Date.now()): number {
      const times = recent(key, now);
      if (times.length < limit.max) return 0;
      return Math.max(1, Math.ceil((times[times.length - limit.max]! + limit.ms - now) / 1000));
    },
    hit(key: string, now = Date.now()) {
      const times = recent(key, now);
      times.push(now);
      hits.set(key, times);
      // a long-running process forgets idle keys instead of growing without end
      if (hits.size > 50_000) for (const [k, v] of hits) if (!v.some((t) => now - t < limit.ms)) hits.delete(k);
    },
    clear: (key: string) => hits.delete(key),
  };
}
