import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zId, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZMemberReferrals, ZReferral, ZReferralCode, ZReferralListQuery, ZReferralParams, ZReferralRelease, ZReferralRun, ZReferralRunRequest,
  ZReferralSettings, ZReferralSettingsUpdate, ZReferrerLink,
} from './referral.schema.ts';
import type { ReferralService } from './referral.service.ts';

const ZMemberParams = z.strictObject({ program_id: zId('prg'), member_id: zId('mem') });

export function referralRoutes(app: App, referrals: ReferralService, flows: Pick<Workflows, 'linkReferrer' | 'rewardReferrals'>) {
  const tags = ['referrals'];
  const base = '/v1/programs/:program_id';
  app.get(`${base}/members/:member_id/referral-code`, {
    config: { permission: 'referrals.read' },
    schema: {
      tags, summary: 'A member\'s referral code and share link', params: ZMemberParams, response: { 200: ZReferralCode, ...problemResponses },
      description: 'The code is made the first time it is asked for and never changes. A friend enrols with it (referral_code on the enrol call) or types it in later.',
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'referrals.read');
    return orProblem(await referrals.codeOf(req.params.program_id, req.params.member_id));
  });
  app.get(`${base}/members/:member_id/referrals`, {
    config: { permission: 'referrals.read' },
    schema: { tags, summary: 'Who referred the member, and the friends they referred', params: ZMemberParams, response: { 200: ZMemberReferrals, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'referrals.read');
    return orProblem(await referrals.forMember(req.params.program_id, req.params.member_id));
  });
  app.post(`${base}/members/:member_id/referrer`, {
    config: { permission: 'members.write' },
    schema: {
      tags, summary: 'Link a member to their referrer by code, before their first purchase', params: ZMemberParams, body: ZReferrerLink,
      response: { 201: ZReferral, ...problemResponses },
      description: 'Refused: the member\'s own code (referral_self), a member already referred (referral_exists), a member who has bought (referral_too_late), '
        + 'an unknown code (referral_code_invalid). Same checks as at enrolment otherwise: the link may come back blocked with its reason.',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'members.write');
    return reply.code(201).send(orProblem(await flows.linkReferrer(req.params.program_id, req.params.member_id, req.body, actor)));
  });
  app.get(`${base}/referrals`, {
    config: { permission: 'referrals.read' },
    schema: { tags, summary: 'The program\'s referrals, blocked first, then newest', params: zProgramParams, querystring: ZReferralListQuery, response: { 200: z.object({ items: z.array(ZReferral) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'referrals.read');
    return { items: await referrals.list(req.params.program_id, req.query.status, req.query.limit) };
  });
  app.get(`${base}/referrals/:referral_id`, {
    config: { permission: 'referrals.read' },
    schema: { tags, summary: 'A referral', params: ZReferralParams, response: { 200: ZReferral, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'referrals.read');
    return orProblem(await referrals.get(req.params.program_id, req.params.referral_id));
  });
  app.post(`${base}/referrals/:referral_id/release`, {
    config: { permission: 'referrals.manage' },
    schema: {
      tags, summary: 'Release a blocked referral, with a reason', params: ZReferralParams, body: ZReferralRelease, response: { 200: ZReferral, ...problemResponses },
      description: 'Who released it and why are recorded; the block reason is kept. The reward job then pays it once the friend\'s first purchase qualifies.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'referrals.manage');
    return orProblem(await referrals.release(req.params.program_id, req.params.referral_id, req.body.reason, actor));
  });
  app.get(`${base}/referral-settings`, {
    config: { permission: 'referrals.read' },
    schema: { tags, summary: 'Referral settings: share link, monthly cap, burst limit, minimum first purchase', params: zProgramParams, response: { 200: ZReferralSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'referrals.read');
    return referrals.settings(req.params.program_id);
  });
  app.put(`${base}/referral-settings`, {
    config: { permission: 'referrals.manage' },
    schema: { tags, summary: 'Change referral settings (fields left out keep their value)', params: zProgramParams, body: ZReferralSettingsUpdate, response: { 200: ZReferralSettings, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'referrals.manage');
    return referrals.updateSettings(req.params.program_id, req.body, actor.keyId);
  });
  app.post(`${base}/jobs/referrals`, {
    config: { permission: 'referrals.manage' },
    schema: {
      tags: ['jobs'], summary: 'Reward referrals whose friend\'s first purchase passed its return window (default: as of today)', params: zProgramParams, body: ZReferralRunRequest,
      description: 'Pays the referrer (event referral) and the friend (event referred) once per referral; voids one whose first purchase was returned. Safe to run again. The body is optional.',
      response: { 200: ZReferralRun, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'referrals.manage');
    const [r] = orProblem(await flows.rewardReferrals({ programId: req.params.program_id, asOf: req.body?.as_of }));
    return { as_of: r!.as_of, judged: r!.judged, rewarded: r!.rewarded, voided: r!.voided, waiting: r!.waiting };
  });
}
