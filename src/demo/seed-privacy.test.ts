import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

// The demo shows privacy to a newcomer: both documents, a privacy policy v2 published
// recently that some members have accepted and others are asked for, and consent
// histories with the policy version each was given under.

describe('demo privacy', () => {
  it('seeds two policy kinds, v2 of the privacy policy pending for some members, and consent histories', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const s = server.services;
      const pid = server.programId!;
      const docs = await s.privacy.policies(pid);
      expect(docs.map((d) => `${d.kind}@${d.version}:${d.status}`).sort())
        .toEqual(['membership_agreement@1:published', 'privacy_policy@1:superseded', 'privacy_policy@2:published']);
      // every member not erased, terminated ones included: an acceptance stays on record after a member leaves
      const members = (await sql<{ id: string }>`SELECT id FROM members WHERE program_id = ${pid} AND erased_at IS NULL`.execute(s.ctx.db)).rows;
      const views = await Promise.all(members.map(async (m) => ({ id: m.id, pending: await s.privacy.pending(pid, m.id), history: await s.privacy.history(pid, m.id) })));
      const pending = views.filter((v) => v.pending.some((d) => d.kind === 'privacy_policy'));
      expect(pending.length).toBeGreaterThan(0);
      expect(pending.length).toBeLessThan(views.length);
      const v2 = docs.find((d) => d.kind === 'privacy_policy' && d.version === 2)!;
      expect(v2.accepted).toBe(views.length - pending.length);
      const rows = views.flatMap((v) => v.history);
      expect(rows.some((c) => c.purpose === 'marketing' && c.granted && c.document_version === 1)).toBe(true);
      expect(rows.some((c) => c.purpose === 'marketing' && !c.granted)).toBe(true);
      expect(rows.some((c) => c.purpose === 'sensitive' && c.scope.includes('resident_id'))).toBe(true);
      // the truth segments read agrees with the history
      for (const v of views) {
        const m = await s.privacy.consents(pid, v.id);
        const marketing = m.find((c) => c.purpose === 'marketing')!.granted;
        expect((await s.members.marketingConsent(pid, [v.id])).has(v.id)).toBe(marketing);
      }
    } finally {
      await server.close();
    }
  }, 180_000);
});
