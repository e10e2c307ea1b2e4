import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zId } from '../../platform/schema.ts';
import { ZAdjustment, ZAdjustmentCreate, ZBalance, ZEntry, ZLot, ZLotsQuery, ZRedemption, ZRedemptionCreate, ZStatementQuery } from './points.schema.ts';
import type { PointsService } from './points.service.ts';

const params = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });
const base = '/v1/programs/:program_id/members/:member_id';

export function pointsRoutes(app: App, points: PointsService) {
  const tags = ['points'];
  app.get(`${base}/balance`, {
    config: { permission: 'points.read' },
    schema: { tags, summary: 'Balance: available, pending, expiring soon, lifetime figures', params, response: { 200: ZBalance, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'points.read');
    return orProblem(await points.balance(req.params.program_id, req.params.member_id));
  });

  app.get(`${base}/lots`, {
    config: { permission: 'points.read' },
    schema: { tags, summary: 'Point lots (open ones by default)', params, querystring: ZLotsQuery, response: { 200: z.object({ items: z.array(ZLot) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'points.read');
    return { items: orProblem(await points.lots(req.params.program_id, req.params.member_id, req.query.open === 'true')) };
  });

  app.get(`${base}/statement`, {
    config: { permission: 'points.read' },
    schema: { tags, summary: 'Ledger entries, newest first, paged by cursor', params, querystring: ZStatementQuery, response: { 200: z.object({ items: z.array(ZEntry), next_cursor: z.string().nullable() }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'points.read');
    return orProblem(await points.statement(req.params.program_id, req.params.member_id, req.query.limit, req.query.cursor));
  });

  app.post(`${base}/redemptions`, {
    config: { permission: 'rewards.redeem' },
    schema: { tags, summary: 'Redeem available points (soonest-expiring first)', params, body: ZRedemptionCreate, idempotencyKey: 'required', response: { 201: ZRedemption, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'rewards.redeem');
    const r = orProblem(await points.redeem(req.params.program_id, req.params.member_id, req.body, actor, idempotencyKey(req.headers, true)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(r.status as 201).send(r.body);
  });

  app.post(`${base}/adjustments`, {
    config: { permission: 'points.adjust' },
    schema: { tags, summary: 'Credit or debit points by hand, with a reason', params, body: ZAdjustmentCreate, idempotencyKey: 'optional', response: { 201: ZAdjustment, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'points.adjust');
    const r = orProblem(await points.adjust(req.params.program_id, req.params.member_id, req.body, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(r.status as 201).send(r.body);
  });
}
