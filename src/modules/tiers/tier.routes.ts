import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZMemberTier, ZMemberTierParams, ZTier, ZTierFloorCreate, ZTierJob, ZTierJobParams, ZTierPolicy, ZTierPolicyInput, ZTierPreview, ZTierRun,
  ZTierRunRequest, ZTierTableInput,
} from './tier.schema.ts';
import type { TierService } from './tier.service.ts';

type Flows = Pick<Workflows, 'memberTier' | 'assignTierFloor' | 'endTierFloor' | 'previewTierTable' | 'applyTierTable' | 'evaluateTiers'>;

export function tierRoutes(app: App, tiers: TierService, flows: Flows) {
  const tags = ['tiers'];
  const base = '/v1/programs/:program_id';

  app.get(`${base}/tier-policy`, {
    config: { permission: 'loyalty.read' },
    schema: { tags, summary: 'How members qualify for tiers: basis, window, downgrade, grace and warning days', params: zProgramParams, response: { 200: ZTierPolicy, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.read');
    return tiers.policy(req.params.program_id);
  });

  app.put(`${base}/tier-policy`, {
    config: { permission: 'loyalty.manage' },
    schema: {
      tags, summary: 'Set the tier policy', params: zProgramParams, body: ZTierPolicyInput, idempotencyKey: 'optional',
      description: 'Takes effect for the next purchase and the next re-evaluation; nobody moves at once.',
      response: { 200: ZTierPolicy, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.manage');
    return orProblem(await tiers.setPolicy(req.params.program_id, req.body, idempotencyKey(req.headers, false)));
  });

  app.get(`${base}/tiers`, {
    config: { permission: 'loyalty.read' },
    schema: { tags, summary: 'The tier table: tiers lowest first, with thresholds and benefits', params: zProgramParams, response: { 200: z.object({ items: z.array(ZTier) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.read');
    return { items: await tiers.list(req.params.program_id) };
  });

  app.post(`${base}/tiers/preview`, {
    config: { permission: 'loyalty.manage' },
    schema: {
      tags, summary: 'Preview a tier table: how many members would move up, down or stay (writes nothing)', params: zProgramParams, body: ZTierTableInput,
      description: 'Each member would go to the highest tier whose reach threshold the figure meets, or stay in the current tier while the figure meets its keep threshold, never below an active manual floor.',
      response: { 200: ZTierPreview, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.manage');
    return orProblem(await flows.previewTierTable(req.params.program_id, req.body));
  });

  app.put(`${base}/tiers`, {
    config: { permission: 'loyalty.manage' },
    schema: {
      tags, summary: 'Apply a tier table: written at once, members moved by a background job (Idempotency-Key required)', params: zProgramParams, body: ZTierTableInput,
      idempotencyKey: 'required',
      description: 'Answers 202 with the job; read its progress at /tier-jobs/{job_id}. 409 tier_job_running while another change is being applied.',
      response: { 202: ZTierJob, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    const r = orProblem(await flows.applyTierTable(req.params.program_id, req.body, actor, idempotencyKey(req.headers, true)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(202).send(r.body);
  });

  app.get(`${base}/tier-jobs/:job_id`, {
    config: { permission: 'loyalty.read' },
    schema: { tags, summary: 'A tier job and its progress', params: ZTierJobParams, response: { 200: ZTierJob, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.read');
    return orProblem(await tiers.job(req.params.program_id, req.params.job_id));
  });

  app.post(`${base}/tier-jobs/evaluate`, {
    config: { permission: 'loyalty.manage' },
    schema: {
      tags, summary: 'Run tier re-evaluation for a day (default: today)', params: zProgramParams, body: ZTierRunRequest,
      description: 'What the nightly job does: ends floors that ran out, moves members short at a review down after the grace days, lifts members whose figure reaches a higher tier, and sends member.tier_will_drop ahead of a drop (once per drop date). The body is optional.',
      response: { 200: ZTierRun, ...problemResponses },
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    const [r] = orProblem(await flows.evaluateTiers({ programId: req.params.program_id, asOf: req.body?.as_of }, actor));
    return { as_of: r!.as_of, members: r!.members, up: r!.up, down: r!.down, floors_ended: r!.floors_ended, warnings: r!.warnings };
  });

  app.get(`${base}/members/:member_id/tier`, {
    config: { permission: 'loyalty.read' },
    schema: {
      tags, summary: 'A member\'s tier and progress: figure, next tier and what is missing, what keeps the tier, history', params: ZMemberTierParams,
      response: { 200: ZMemberTier, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'loyalty.read');
    return orProblem(await flows.memberTier(req.params.program_id, req.params.member_id));
  });

  app.post(`${base}/members/:member_id/tier-floor`, {
    config: { permission: 'loyalty.manage' },
    schema: {
      tags, summary: 'Assign a tier by hand, with a reason: a floor until ends_on', params: ZMemberTierParams, body: ZTierFloorCreate, idempotencyKey: 'optional',
      description: 'Puts the member in the tier at once (up or down) and holds it as a floor: purchases may lift the member above it; nothing drops them below it until it ends. Replaces an earlier floor.',
      response: { 201: ZMemberTier, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    const r = orProblem(await flows.assignTierFloor(req.params.program_id, req.params.member_id, req.body, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(r.body);
  });

  app.delete(`${base}/members/:member_id/tier-floor`, {
    config: { permission: 'loyalty.manage' },
    schema: {
      tags, summary: 'End a member\'s manual tier floor now', params: ZMemberTierParams, idempotencyKey: 'optional',
      description: 'The member keeps the tier while the figure meets its keep threshold, else moves at once to the tier the figure keeps.',
      response: { 200: ZMemberTier, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'loyalty.manage');
    const r = orProblem(await flows.endTierFloor(req.params.program_id, req.params.member_id, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(200).send(r.body);
  });
}
