import { describe, expect, it } from 'vitest';
import { nextAttempt } from '../../console/src/lib/idempotency.ts';

// A dialog's submits (FormModal, the goodwill and new-case dialogs): a double click or a retry
// after a timeout sends the same values under the same key (the server replays its answer);
// values corrected after a refusal are a new request under a new key (the old one would be
// refused as idempotency_conflict).
describe('the key of each submit of an open dialog', () => {
  it('is the opened key first, the same key for the same values, a new one for corrected values', () => {
    const first = nextAttempt(null, { points: 50, reason: '补偿' }, 'opened');
    expect(first.key).toBe('opened');
    expect(nextAttempt(first, { points: 50, reason: '补偿' }, 'opened').key).toBe('opened');
    const corrected = nextAttempt(first, { points: 500, reason: '补偿' }, 'opened');
    expect(corrected.key).not.toBe('opened');
    expect(corrected.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nextAttempt(corrected, { points: 500, reason: '补偿' }, 'opened').key).toBe(corrected.key);
  });
});
