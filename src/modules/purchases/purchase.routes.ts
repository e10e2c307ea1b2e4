import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import type { Workflows } from '../../workflows/index.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import { ZPurchase, ZPurchaseCreate, ZPurchaseParams, ZReturn, ZReturnCreate } from './purchase.schema.ts';
import type { PurchaseService } from './purchase.service.ts';

export function purchaseRoutes(app: App, purchases: PurchaseService, flows: Pick<Workflows, 'recordPurchase' | 'recordReturn'>) {
  const tags = ['purchases'];
  // a POS transaction: kept append-only with its actor here, not repeated in the audit log
  app.post('/v1/programs/:program_id/purchases', {
    config: { audit: false, permission: 'purchases.write' },
    schema: {
      tags, summary: 'Record a purchase and earn points (Idempotency-Key required); POST /rules/simulate answers what it would earn without recording it', params: zProgramParams, body: ZPurchaseCreate, idempotencyKey: 'required',
      response: { 201: ZPurchase, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'purchases.write');
    const r = orProblem(await flows.recordPurchase(req.params.program_id, req.body, actor, idempotencyKey(req.headers, true)!));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(201).send(r.body);
  });

  app.get('/v1/programs/:program_id/purchases/:purchase_id', {
    config: { permission: 'purchases.read' },
    schema: { tags, summary: 'Read a purchase', params: ZPurchaseParams, response: { 200: ZPurchase, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'purchases.read');
    return orProblem(await purchases.get(req.params.program_id, req.params.purchase_id));
  });

  app.post('/v1/programs/:program_id/returns', {
    config: { audit: false, permission: 'purchases.write' },
    schema: {
      tags, summary: 'Return goods of a purchase, fully or in part (Idempotency-Key required)', params: zProgramParams, body: ZReturnCreate, idempotencyKey: 'required',
      response: { 201: ZReturn, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'purchases.write');
    const r = orProblem(await flows.recordReturn(req.params.program_id, req.body, actor, idempotencyKey(req.headers, true)!));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(r.status as 201).send(r.body);
  });
}
