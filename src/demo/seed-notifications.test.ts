import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

// The demo shows notifications to a newcomer: default templates for the four events in zh
// and en, messages sent (in zh, and in en to a member who reads English), and one that failed
// after its attempts with the gateway's error.

describe('demo notifications', () => {
  it('seeds the default templates, sent messages and one failed SMS with its error', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const s = server.services;
      const pid = server.programId!;
      const { items } = await s.notifications.templates(pid);
      for (const key of ['points.expiring', 'member.tier_will_drop', 'member.birthday', 'membership.expiring']) {
        expect(items.filter((t) => t.key === key).map((t) => t.lang).sort()).toEqual(['en', 'en', 'en', 'zh', 'zh', 'zh']);
      }
      const sent = await s.notifications.messages(pid, { status: 'sent', limit: 100 });
      expect(sent.items.some((m) => m.template_key === 'points.expiring' && m.channel === 'sms' && /积分/.test(m.body))).toBe(true);
      // a member who reads English got theirs from the en templates
      const english = sent.items.filter((m) => m.template_key === 'points.expiring' && m.lang === 'en');
      expect(english.length).toBeGreaterThan(0);
      expect(english.every((m) => /points expire on/.test(m.body))).toBe(true);
      const reader = (await s.members.masked(pid, [english[0]!.member_id!]))[0]!;
      expect(reader.language).toBe('en');
      const failed = await s.notifications.messages(pid, { status: 'failed', limit: 100 });
      expect(failed.items).toHaveLength(1);
      expect(failed.items[0]).toMatchObject({ channel: 'sms', attempts: 6, last_error: expect.stringContaining('号码已停机') });
    } finally {
      await server.close();
    }
  });
});
