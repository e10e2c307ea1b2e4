import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import {
  ZBatch, ZBatchCreate, ZBatchParams, ZCodeParams, ZCoupon, ZCouponConsume, ZCouponHold, ZCouponListQuery, ZCouponRelease, ZCouponType,
  ZCouponTypeCreate, ZCouponTypeUpdate, ZCouponValidate, ZCouponVoid, ZGoodwill, ZMemberParams, ZTypeParams,
} from './coupon.schema.ts';
import type { CouponService } from './coupon.service.ts';

export function couponRoutes(app: App, coupons: CouponService) {
  const tags = ['coupons'];
  const base = '/v1/programs/:program_id';
  app.get(`${base}/coupon-types`, {
    config: { permission: 'coupons.read' },
    schema: { tags, summary: 'Coupon types, newest first', params: zProgramParams, response: { 200: z.object({ items: z.array(ZCouponType) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.read');
    return { items: await coupons.types(req.params.program_id) };
  });
  app.post(`${base}/coupon-types`, {
    config: { permission: 'coupons.manage' },
    schema: { tags, summary: 'Create a coupon type: amount off, percent off with a maximum, or a gift', params: zProgramParams, body: ZCouponTypeCreate, response: { 201: ZCouponType, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'coupons.manage');
    return reply.code(201).send(orProblem(await coupons.createType(req.params.program_id, req.body, actor.keyId)));
  });
  app.patch(`${base}/coupon-types/:type_id`, {
    config: { permission: 'coupons.manage' },
    schema: { tags, summary: 'Rename a coupon type, or stop issuing it', params: ZTypeParams, body: ZCouponTypeUpdate, response: { 200: ZCouponType, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.manage');
    return orProblem(await coupons.updateType(req.params.program_id, req.params.type_id, req.body));
  });

  app.get(`${base}/coupons`, {
    config: { permission: 'coupons.read' },
    schema: { tags, summary: 'Coupons, newest first: a member\'s, a batch\'s, by status', params: zProgramParams, querystring: ZCouponListQuery, response: { 200: z.object({ items: z.array(ZCoupon) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.read');
    const q = req.query;
    return { items: await coupons.list(req.params.program_id, { memberId: q.member_id, batchId: q.batch_id, status: q.status, limit: q.limit }) };
  });
  app.get(`${base}/coupons/:code`, {
    config: { permission: 'coupons.read' },
    schema: { tags, summary: 'Look a coupon up by its code: its state, and where and when it was used', params: ZCodeParams, response: { 200: ZCoupon, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.read');
    return orProblem(await coupons.lookup(req.params.program_id, req.params.code));
  });
  app.post(`${base}/coupons/:code/void`, {
    config: { permission: 'coupons.manage' },
    schema: {
      tags, summary: 'Void an unused coupon (issued by mistake, or taken back), with the reason; a used coupon cannot be voided', params: ZCodeParams,
      body: ZCouponVoid, response: { 200: ZCoupon, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.manage');
    const c = orProblem(await coupons.lookup(req.params.program_id, req.params.code));
    orProblem(await coupons.voidCoupon(req.params.program_id, c.id, req.body.reason));
    return orProblem(await coupons.lookup(req.params.program_id, req.params.code));
  });
  app.post(`${base}/coupons/validate`, {
    config: { audit: false, permission: 'coupons.redeem' }, // a POS transaction: the coupon row keeps who, when and where
    schema: {
      tags, summary: 'Validate a coupon for a basket and hold it for this till', params: zProgramParams, body: ZCouponValidate, response: { 200: ZCouponHold, ...problemResponses },
      description: 'Answers the discount for the basket and holds the coupon for the type\'s hold minutes (default 5); the hold lapses by itself. '
        + 'A refusal says why: coupon_used (when and where), coupon_expired, coupon_not_yet_valid, coupon_wrong_store, coupon_min_spend, coupon_other_member, coupon_reserved, coupon_unknown.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'coupons.redeem');
    return orProblem(await coupons.validate(req.params.program_id, req.body, actor));
  });
  app.post(`${base}/coupons/consume`, {
    config: { audit: false, permission: 'coupons.redeem' }, // a POS transaction: the coupon row keeps who, when and where
    schema: {
      tags, summary: 'Use a coupon once (with this till\'s hold, or directly)', params: zProgramParams, body: ZCouponConsume, idempotencyKey: 'optional', response: { 200: ZCouponHold, ...problemResponses },
      description: 'Of simultaneous consumes of one code exactly one succeeds. A retry with the same Idempotency-Key answers the same success (header idempotent-replayed).',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'coupons.redeem');
    const r = orProblem(await coupons.consume(req.params.program_id, req.body, actor, idempotencyKey(req.headers, false)));
    const { replayed, ...body } = r;
    if (replayed) reply.header('idempotent-replayed', 'true');
    return body;
  });
  app.post(`${base}/coupons/release`, {
    config: { audit: false, permission: 'coupons.redeem' }, // a POS transaction: the coupon row keeps who, when and where
    schema: { tags, summary: 'Let go of this till\'s hold on a coupon', params: zProgramParams, body: ZCouponRelease, response: { 200: z.object({ code: z.string(), released: z.boolean().describe('false: the token no longer held it (lapsed, or used)') }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.redeem');
    return orProblem(await coupons.release(req.params.program_id, req.body.code, req.body.reservation_token));
  });
  app.post(`${base}/members/:member_id/coupons`, {
    config: { permission: 'coupons.manage' },
    schema: { tags, summary: 'Issue a coupon to a member as goodwill (a service case), with the reason', params: ZMemberParams, body: ZGoodwill, response: { 201: ZCoupon, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'coupons.manage');
    const c = orProblem(await coupons.issue(req.params.program_id, { typeId: req.body.type_id, memberId: req.params.member_id, source: 'goodwill', reason: req.body.reason, actor }));
    return reply.code(201).send(c);
  });

  app.get(`${base}/coupon-batches`, {
    config: { permission: 'coupons.read' },
    schema: { tags, summary: 'Batches of unassigned codes, newest first', params: zProgramParams, response: { 200: z.object({ items: z.array(ZBatch) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.read');
    return { items: await coupons.batches(req.params.program_id) };
  });
  app.post(`${base}/coupon-batches`, {
    config: { permission: 'coupons.manage' },
    schema: { tags, summary: 'Generate a batch of unassigned codes (a job: follow its progress)', params: zProgramParams, body: ZBatchCreate, response: { 202: ZBatch, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'coupons.manage');
    const { batch } = orProblem(await coupons.startBatch(req.params.program_id, req.body, actor));
    return reply.code(202).send(batch);
  });
  app.get(`${base}/coupon-batches/:batch_id`, {
    config: { permission: 'coupons.read' },
    schema: { tags, summary: 'A batch and its progress', params: ZBatchParams, response: { 200: ZBatch, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'coupons.read');
    return orProblem(await coupons.batch(req.params.program_id, req.params.batch_id));
  });
  app.get(`${base}/coupon-batches/:batch_id/codes.csv`, {
    config: { permission: 'coupons.manage' },
    schema: {
      tags, summary: 'A batch\'s codes as CSV (code, valid_until)', params: ZBatchParams,
      response: { 200: { description: 'text/csv', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses },
    },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'coupons.manage');
    const b = orProblem(await coupons.batch(req.params.program_id, req.params.batch_id));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${b.id}.csv"`)
      .send(await coupons.batchCsv(req.params.program_id, b.id));
  });
}
