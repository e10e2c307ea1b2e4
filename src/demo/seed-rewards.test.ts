import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { startTestServer } from '../testing/harness.ts';
import { solidPng } from './seed-rewards.ts';

// The demo shows the catalogue: eight items with images, and redemptions in every status.

describe('demo rewards', () => {
  it('makes a valid PNG of the size asked', () => {
    const png = solidPng([200, 10, 10], 4);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(4);
    const idat = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(raw.length).toBe(4 * (1 + 4 * 3));
  });

  it('seeds items of every kind with images, and redemptions created, fulfilled and cancelled', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const s = server.services;
      const pid = server.programId!;
      const { items } = await s.rewards.list(pid, { limit: 50, offset: 0 });
      expect(items).toHaveLength(8);
      expect(new Set(items.map((r) => r.kind))).toEqual(new Set(['goods', 'coupon', 'parking', 'service', 'partner']));
      expect(items.every((r) => r.image_url !== null)).toBe(true);
      const res = await fetch(server.url + items[0]!.image_url!);
      expect(res.headers.get('content-type')).toBe('image/png');
      const { items: redemptions } = await s.rewards.redemptions(pid, { limit: 50, offset: 0 });
      const by = (st: string) => redemptions.filter((r) => r.status === st).length;
      expect([by('created') > 0, by('fulfilled') >= 2, by('cancelled') >= 1]).toEqual([true, true, true]);
    } finally {
      await server.close();
    }
  }, 180_000);
});
