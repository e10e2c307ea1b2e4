import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zId, zText } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import type { EventRewardService } from './event.service.ts';
import { EVENTS } from './rule.table.ts';

const ZEvent = z.enum(EVENTS).describe('signup, profile_completed (name, gender, birthday and e-mail given), birthday (paid on the birthday, once a year), and hooks other modules call: referral (the referrer, when a friend qualifies), referred (that friend), survey_answered, suggestion_adopted, goodwill');
const ZEventReward = z.object({
  event: ZEvent, points: z.number().int(), active: z.boolean().describe('Pays only when active with points above 0'),
  updated_at: z.string().nullable(),
}).meta({ id: 'EventReward' });
const ZEventRewardSet = z.strictObject({ points: z.number().int().min(0).max(1_000_000), active: z.boolean() }).meta({ id: 'EventRewardSet' });
const ZEventAwardCreate = z.strictObject({
  event: ZEvent,
  occurrence: zText(120).describe('What is being rewarded: the referral\'s, survey\'s or case\'s id; the same occurrence pays once'),
}).meta({ id: 'EventAwardCreate' });
const ZEventAward = z.object({
  event: ZEvent, occurrence: z.string(), awarded: z.boolean().describe('false: paid before for this occurrence, or the event pays nothing'),
  points: z.number().int(), entry_id: z.string().nullable(),
}).meta({ id: 'EventAward' });
const ZEventAwardRow = z.object({ event: ZEvent, occurrence: z.string(), points: z.number().int(), entry_id: z.string().nullable(), created_at: z.string() }).meta({ id: 'EventAwardRecord' });

export function eventRoutes(app: App, events: EventRewardService, flows: Pick<Workflows, 'awardEvent'>) {
  const tags = ['rules'];
  const params = z.strictObject({ program_id: zId('prg') });
  app.get('/v1/programs/:program_id/event-rewards', {
    config: { permission: 'loyalty.read' },
    schema: { tags, summary: 'Points per event (sign-up, completed profile, birthday, and the hooks)', params, response: { 200: z.object({ items: z.array(ZEventReward) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.read');
    return { items: await events.list(req.params.program_id) };
  });
  app.put('/v1/programs/:program_id/event-rewards/:event', {
    config: { permission: 'loyalty.manage' },
    schema: { tags, summary: 'Set the points an event pays', params: params.extend({ event: ZEvent }), body: ZEventRewardSet, response: { 200: ZEventReward, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    return events.set(req.params.program_id, req.params.event, req.body, actor.keyId);
  });
  const memberParams = params.extend({ member_id: zId('mem') });
  app.post('/v1/programs/:program_id/members/:member_id/event-awards', {
    config: { permission: 'points.adjust' },
    schema: { tags, summary: 'Pay an event reward once per occurrence (a referral, a survey answered, a suggestion adopted, goodwill)', params: memberParams, body: ZEventAwardCreate, response: { 200: ZEventAward, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'points.adjust');
    return orProblem(await flows.awardEvent(req.params.program_id, req.params.member_id, req.body.event, req.body.occurrence, actor));
  });
  app.get('/v1/programs/:program_id/members/:member_id/event-awards', {
    config: { permission: 'points.read' },
    schema: { tags, summary: 'The event rewards a member was paid, newest first', params: memberParams, response: { 200: z.object({ items: z.array(ZEventAwardRow) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'points.read');
    return { items: await events.awards(req.params.program_id, req.params.member_id) };
  });
}
