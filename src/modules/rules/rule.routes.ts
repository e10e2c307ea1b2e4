import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zId, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import { ZEarnPreview, ZPurchaseCreate } from '../purchases/index.ts';
import { ZRule, ZRuleInput, ZRuleStatusChange, ZRuleStatusQuery, toRule } from './rule.api.ts';
import type { RuleService } from './rule.service.ts';

const ZRuleParams = z.strictObject({ program_id: zId('prg'), rule_id: zId('rul') });
const ZSimulate = z.strictObject({
  purchase: ZPurchaseCreate.describe('The basket as a POS would send it'),
  draft: ZRuleInput.optional().describe('An unsaved rule to try beside the rules in force (the console\'s dry-run panel)'),
  draft_of: zId('rul').optional().describe('The rule the draft edits: the draft stands in for its version in force'),
}).meta({ id: 'RuleSimulation' });

export function ruleRoutes(app: App, rules: RuleService, flows: Pick<Workflows, 'previewPurchase'>) {
  const tags = ['rules'];
  app.get('/v1/programs/:program_id/rules', {
    config: { permission: 'loyalty.read' },
    schema: { tags, summary: 'Earning rules (each one\'s latest version), highest priority first', params: zProgramParams, querystring: ZRuleStatusQuery, response: { 200: z.object({ items: z.array(ZRule) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.read');
    return { items: (await rules.list(req.params.program_id, req.query.status)).map((r) => toRule(r)) };
  });
  app.post('/v1/programs/:program_id/rules', {
    config: { permission: 'loyalty.manage' },
    schema: { tags, summary: 'Create an earning rule (version 1, in force at once)', params: zProgramParams, body: ZRuleInput, response: { 201: ZRule, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    return reply.code(201).send(toRule(await rules.create(req.params.program_id, req.body, actor.keyId)));
  });
  app.get('/v1/programs/:program_id/rules/:rule_id', {
    config: { permission: 'loyalty.read' },
    schema: { tags, summary: 'An earning rule with its versions, newest first', params: ZRuleParams, response: { 200: ZRule, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.read');
    const versions = orProblem(await rules.history(req.params.program_id, req.params.rule_id));
    return toRule(versions[0]!, versions);
  });
  app.put('/v1/programs/:program_id/rules/:rule_id', {
    config: { permission: 'loyalty.manage' },
    schema: { tags, summary: 'Edit an earning rule: a new version, in force from now (purchases before now keep the old one)', params: ZRuleParams, body: ZRuleInput, response: { 200: ZRule, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    return toRule(orProblem(await rules.update(req.params.program_id, req.params.rule_id, req.body, actor.keyId)));
  });
  app.post('/v1/programs/:program_id/rules/:rule_id/status', {
    config: { permission: 'loyalty.manage' },
    schema: { tags, summary: 'Pause, resume or archive an earning rule (a new version; archiving is final)', params: ZRuleParams, body: ZRuleStatusChange, response: { 200: ZRule, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    return toRule(orProblem(await rules.setStatus(req.params.program_id, req.params.rule_id, req.body.status, actor.keyId)));
  });
  app.post('/v1/programs/:program_id/rules/simulate', {
    config: { audit: false, permission: 'loyalty.read' }, // a dry run changes nothing
    schema: { tags, summary: 'The dry run: what a basket would earn for a member, rule by rule, storing nothing (the same path as recording it). A pos key may ask (without a draft)', params: zProgramParams, body: ZSimulate, response: { 200: ZEarnPreview, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, req.body.draft ? 'loyalty.manage' : 'loyalty.read');
    return orProblem(await flows.previewPurchase(req.params.program_id, req.body.purchase, actor, undefined, req.body.draft && { ...req.body.draft, id: req.body.draft_of }));
  });
}
