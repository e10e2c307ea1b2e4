import { describe, expect, it } from 'vitest';
import { unwrap } from '../platform/errors.ts';
import { startTestServer } from '../testing/harness.ts';

// The demo's surveys say something on their results pages: CSAT answers across 8 weeks, the
// stores and three named agents; an NPS round answered; a custom survey with its choices.

describe('demo surveys', () => {
  it('seeds CSAT over 8 weeks across stores and agents, an NPS round and a custom survey, each answered', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const s = server.services;
      const pid = server.programId!;
      const { items } = await s.surveys.list(pid);
      expect(items.map((x) => x.kind).sort()).toEqual(['csat', 'custom', 'nps']);
      const csat = unwrap(await s.surveys.results(pid, items.find((x) => x.kind === 'csat')!.id, {}));
      expect(csat.answered).toBeGreaterThanOrEqual(30);
      expect(csat.response_rate).toBeLessThan(100);
      expect(csat.by_week.length).toBeGreaterThanOrEqual(8);
      expect(csat.by_agent.map((g) => g.name).sort()).toEqual(['张客户经理', '王经理', '赵客服']);
      expect(csat.by_store.length).toBeGreaterThanOrEqual(2);
      expect(csat.comments.length).toBeGreaterThan(10);
      const nps = unwrap(await s.surveys.results(pid, items.find((x) => x.kind === 'nps')!.id, {}));
      expect(nps.answered).toBeGreaterThan(5);
      const custom = unwrap(await s.surveys.results(pid, items.find((x) => x.kind === 'custom')!.id, {}));
      expect(Object.keys(custom.questions.find((q) => q.id === 'visit')!.counts).length).toBeGreaterThan(0);
      await s.notifications.run({ programId: pid });
      const messages = await s.notifications.messages(pid, { limit: 100 });
      expect(messages.items.some((m) => m.template_key === 'survey.csat' && m.body.includes('/s/'))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
