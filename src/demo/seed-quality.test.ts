import { describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.ts';

// The demo's quality workspace has something on every tab: the default scorecard, reviews of
// both agents with one failed on the critical category, a calibration pair, an open dispute,
// cases still to score, and closed cases left for a new sample.

describe('demo quality review', () => {
  it('seeds a scorecard, a dozen reviews, a calibration pair, a dispute and work to do', async () => {
    const server = await startTestServer({ seedDemo: true, demoMembers: 30 });
    try {
      const s = server.services;
      const pid = server.programId!;
      const staff = await s.staff.list(pid);
      const id = (u: string) => staff.find((x) => x.username === u)!.id;
      const cards = await s.quality.scorecards(pid);
      expect(cards.map((c) => c.categories.map((x) => x.name_zh))).toEqual([['问候与礼貌', '问题识别', '解决方案', '合规', '记录完整']]);
      const reviews = await s.quality.reviews(pid, {});
      expect(reviews.filter((r) => r.reviewer_id === id('quality'))).toHaveLength(11);
      expect(new Set(reviews.map((r) => r.agent_id))).toEqual(new Set([id('service'), id('manager')]));
      expect(reviews.filter((r) => r.critical_failed)).toHaveLength(1);
      expect(await s.quality.calibrationCases(pid)).toHaveLength(1);
      expect((await s.quality.disputes(pid)).map((d) => [d.agent_id, d.status])).toEqual([[id('service'), 'open']]);
      expect(await s.quality.assignmentsFor(pid, id('quality'))).toHaveLength(2);
      const closed = await s.cases.closedInRange(pid, new Date(Date.now() - 30 * 86_400_000), new Date());
      const taken = await s.quality.takenCases(pid, closed.map((c) => c.id));
      expect(closed.filter((c) => c.assignee_id && !taken.has(c.id)).length).toBeGreaterThanOrEqual(2);
      // the agents' SLA column has real figures: clocks of the demo's closed cases, some answered late
      const today = new Date().toISOString().slice(0, 10);
      const agents = await s.flows.qualityAgents(pid, { from: new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10), to: today });
      if (!Array.isArray(agents)) throw agents;
      const service = agents.find((a) => a.agent_id === id('service'))!;
      expect(service.sla).toBeGreaterThan(0);
      expect(service.sla).toBeLessThan(1);
      // and CSAT from the demo's answered surveys about the agent's closed cases
      expect(service.csat).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
