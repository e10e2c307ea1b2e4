import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  MAX_IMAGE_BYTES, ZCancel, ZFulfil, ZMemberRedemptionParams, ZRedeem, ZRedemption, ZRedemptionListQuery, ZRedemptionParams, ZReward,
  ZRewardCreate, ZRewardImageUpload, ZRewardListQuery, ZRewardParams, ZRewardSettings, ZRewardSettingsUpdate, ZRewardUpdate,
} from './reward.schema.ts';
import type { RewardService } from './reward.service.ts';

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int().describe('Matches in all, for paging') });

export function rewardRoutes(app: App, rewards: RewardService, flows: Pick<Workflows, 'redeemReward' | 'cancelRedemption' | 'redemptionQueue'>) {
  const tags = ['rewards'];
  const base = '/v1/programs/:program_id/rewards';
  app.get(base, {
    config: { permission: 'rewards.read' },
    schema: { tags, summary: 'The rewards catalogue, newest first', params: zProgramParams, querystring: ZRewardListQuery, response: { 200: page(ZReward), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.read');
    return rewards.list(req.params.program_id, req.query);
  });
  app.post(base, {
    config: { permission: 'rewards.manage' },
    schema: { tags, summary: 'Add a reward to the catalogue', params: zProgramParams, body: ZRewardCreate, response: { 201: ZReward, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'rewards.manage');
    return reply.code(201).send(orProblem(await rewards.create(req.params.program_id, req.body, actor)));
  });
  app.get(`${base}/:reward_id`, {
    config: { permission: 'rewards.read' },
    schema: { tags, summary: 'A reward', params: ZRewardParams, response: { 200: ZReward, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.read');
    return orProblem(await rewards.get(req.params.program_id, req.params.reward_id));
  });
  app.patch(`${base}/:reward_id`, {
    config: { permission: 'rewards.manage' },
    schema: { tags, summary: 'Edit a reward (stock, limits, dates, switch on or off…)', params: ZRewardParams, body: ZRewardUpdate, response: { 200: ZReward, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.manage');
    return orProblem(await rewards.update(req.params.program_id, req.params.reward_id, req.body));
  });
  app.put(`${base}/:reward_id/image`, {
    config: { permission: 'rewards.manage' },
    // base64 of 1 MiB is 1.4 MB of JSON
    bodyLimit: Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 4096,
    schema: {
      tags, summary: 'Upload the reward\'s image (PNG, JPEG or WebP, at most 1 MiB)', params: ZRewardParams, body: ZRewardImageUpload, response: { 200: ZReward, ...problemResponses },
      description: 'The bytes must be of the type named. The image is then served at the reward\'s image_url.',
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.manage');
    return orProblem(await rewards.setImage(req.params.program_id, req.params.reward_id, req.body.content_type, req.body.data_base64));
  });

  const member = '/v1/programs/:program_id/members/:member_id/reward-redemptions';
  app.post(member, {
    config: { permission: 'rewards.redeem' },
    schema: {
      tags, summary: 'Redeem a reward for a member', params: ZMemberRedemptionParams, body: ZRedeem, idempotencyKey: 'required', response: { 201: ZRedemption, ...problemResponses },
      description: 'Refused (409/422, nothing written) when: out of stock, a limit is reached (with the limit), the member\'s tier is not allowed, the reward is not valid today, '
        + 'the store is not allowed, or the member lacks the points (insufficient_points with the balance). A reward with a cash part needs payment_ref.',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'rewards.redeem');
    const r = orProblem(await flows.redeemReward(req.params.program_id, req.params.member_id, req.body, actor, idempotencyKey(req.headers, true)!));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(r.status as 201).send(r.body);
  });
  app.get(member, {
    config: { permission: 'rewards.read' },
    schema: { tags, summary: 'A member\'s reward redemptions, newest first', params: ZMemberRedemptionParams, querystring: ZRedemptionListQuery.omit({ member_id: true }), response: { 200: page(ZRedemption), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.read');
    return flows.redemptionQueue(req.params.program_id, { ...req.query, member_id: req.params.member_id });
  });

  const queue = '/v1/programs/:program_id/reward-redemptions';
  app.get(queue, {
    config: { permission: 'rewards.read' },
    schema: { tags, summary: 'The redemptions queue, newest first (filter by status, store, member, reward)', params: zProgramParams, querystring: ZRedemptionListQuery, response: { 200: page(ZRedemption), ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'rewards.read');
    // whoever has a store (a till, store staff) works its own store's queue (管理职责: 门店只办理本门店业务)
    return flows.redemptionQueue(req.params.program_id, actor.storeId ? { ...req.query, store_id: actor.storeId } : req.query);
  });
  app.get(`${queue}/:redemption_id`, {
    config: { permission: 'rewards.read' },
    schema: { tags, summary: 'A redemption', params: ZRedemptionParams, response: { 200: ZRedemption, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.read');
    return orProblem(await rewards.redemption(req.params.program_id, req.params.redemption_id));
  });
  app.post(`${queue}/:redemption_id/fulfil`, {
    config: { permission: 'rewards.fulfil' },
    schema: { tags, summary: 'Fulfil: collected with the pickup code, or shipped with a tracking note', params: ZRedemptionParams, body: ZFulfil, response: { 200: ZRedemption, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'rewards.fulfil');
    return orProblem(await rewards.fulfil(req.params.program_id, req.params.redemption_id, req.body, actor));
  });
  app.post(`${queue}/:redemption_id/cancel`, {
    config: { permission: 'rewards.fulfil' },
    schema: {
      tags, summary: 'Cancel: points back to their lots (or a fresh lot when those expired, per the settings), stock and limits restored', params: ZRedemptionParams, body: ZCancel,
      response: { 200: ZRedemption, ...problemResponses },
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'rewards.fulfil');
    return orProblem(await flows.cancelRedemption(req.params.program_id, req.params.redemption_id, req.body.reason, actor));
  });

  app.get('/v1/programs/:program_id/reward-settings', {
    config: { permission: 'rewards.read' },
    schema: { tags, summary: 'Rewards settings of the program', params: zProgramParams, response: { 200: ZRewardSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.read');
    return rewards.settings(req.params.program_id);
  });
  app.put('/v1/programs/:program_id/reward-settings', {
    config: { permission: 'rewards.manage' },
    schema: { tags, summary: 'Set the rewards settings', params: zProgramParams, body: ZRewardSettingsUpdate, response: { 200: ZRewardSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'rewards.manage');
    return rewards.setSettings(req.params.program_id, req.body.expired_points);
  });
}

/**
 * Images are public and cacheable (an <img> cannot send an API key; catalogue pictures
 * are shown to members anyway). The URL carries the image's hash, so it never goes stale.
 */
export function rewardMediaRoutes(app: App, rewards: RewardService) {
  app.get('/media/programs/:program_id/rewards/:reward_id/image', {
    schema: { tags: ['rewards'], summary: 'A reward\'s image (public; cached for a year: the URL changes with the image)', security: [], params: ZRewardParams },
  }, async (req, reply) => {
    const img = await rewards.image(req.params.program_id, req.params.reward_id);
    if (!img) return reply.code(404).type('text/plain').send('no image');
    const etag = `"${img.etag}"`;
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(img.content_type).send(img.bytes);
  });
}
