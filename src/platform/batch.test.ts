import { describe, expect, it } from 'vitest';
import { batcher } from './batch.ts';

describe('batcher', () => {
  it('answers what was asked in one turn with one call per group, each caller its own answer', async () => {
    const calls: { group: string; asks: number[] }[] = [];
    const b = batcher(async (group: string, asks: number[]) => {
      calls.push({ group, asks });
      return asks.map((n) => `${group}:${n * 10}`);
    });
    const answers = await Promise.all([b.load('a', 1), b.load('b', 2), b.load('a', 3), b.load('a', 4)]);
    expect(answers).toEqual(['a:10', 'b:20', 'a:30', 'a:40']);
    expect(calls).toEqual([{ group: 'a', asks: [1, 3, 4] }, { group: 'b', asks: [2] }]);
    // a later turn is a new batch
    expect(await b.load('a', 5)).toBe('a:50');
    expect(calls).toHaveLength(3);
  });

  it('splits a large turn into calls of at most maxBatch', async () => {
    const sizes: number[] = [];
    const b = batcher(async (_g: string, asks: number[]) => {
      sizes.push(asks.length);
      return asks;
    }, 4);
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => b.load('g', i)));
    expect(answers).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sizes).toEqual([4, 4, 2]);
  });

  it('fails only the callers of the call that failed', async () => {
    const b = batcher(async (group: string, asks: number[]) => {
      if (group === 'bad') throw new Error('database is down');
      return asks;
    });
    const [good, bad] = await Promise.allSettled([b.load('good', 1), b.load('bad', 2)]);
    expect(good).toEqual({ status: 'fulfilled', value: 1 });
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(Error);
  });
});

describe('batcher when run misbehaves', () => {
  it('rejects every caller when run throws before returning a promise, or answers the wrong count', async () => {
    const throws = batcher<number, number>(() => { throw new Error('sync failure'); });
    await expect(Promise.all([throws.load('g', 1), throws.load('g', 2)])).rejects.toThrow('sync failure');
    const short = batcher(async (_g: string, asks: number[]) => asks.slice(1));
    const settled = await Promise.allSettled([short.load('g', 1), short.load('g', 2)]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });
});
