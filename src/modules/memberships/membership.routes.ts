import { z } from 'zod';
import { authorize, can } from '../../platform/auth.ts';
import type { Principal } from '../../platform/context.ts';
import { maskMobile } from '../../platform/mask.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import { localDate } from '../../platform/time.ts';
import type { Workflows } from '../../workflows/index.ts';
import type { ProgramService } from '../programs/index.ts';
import {
  ZEndEarly, ZJobResult, ZJobRun, ZMembership, ZMembershipCreate, ZMembershipDetail, ZMembershipListQuery, ZMembershipParams, ZPlan, ZPlanCreate,
  ZPlanParams, ZPlanUpdate, ZRefundPreview, ZRenewal, ZSeatAdd, ZSeatParams,
} from './membership.schema.ts';
import type { MembershipService } from './membership.service.ts';

type Flows = Pick<Workflows, 'startMembership' | 'renewMembership' | 'previewEnd' | 'endMembership' | 'addVipMember' | 'removeVipMember' | 'runMembershipsJob'>;

/** A corporate contact's phone is personal data: masked unless the caller may read it whole (issue 10). */
export function shown<T extends { contact_phone: string | null }>(p: Principal, m: T): T {
  return m.contact_phone === null || can(p, 'pii.read') ? m : { ...m, contact_phone: maskMobile(m.contact_phone) };
}

export function membershipRoutes(app: App, memberships: MembershipService, programs: ProgramService, flows: Flows) {
  const tags = ['vip'];
  const plans = '/v1/programs/:program_id/vip-plans';
  const base = '/v1/programs/:program_id/vip-memberships';
  const today = async (programId: string) => {
    const s = orProblem(await programs.settings(programId));
    return localDate(new Date(), s.timeZone);
  };

  app.get(plans, { config: { permission: 'vip.read' }, schema: { tags, summary: 'VIP plans', params: zProgramParams, response: { 200: z.object({ items: z.array(ZPlan) }), ...problemResponses } } }, async (req) => {
    authorize(req, req.params.program_id, 'vip.read');
    return { items: await memberships.plans(req.params.program_id) };
  });
  app.post(plans, {
    config: { permission: 'vip.manage' },
    schema: { tags, summary: 'Create a VIP plan', params: zProgramParams, body: ZPlanCreate, response: { 201: ZPlan, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'vip.manage');
    return reply.code(201).send(await memberships.createPlan(req.params.program_id, req.body, actor.keyId));
  });
  app.patch(`${plans}/:plan_id`, {
    config: { permission: 'vip.manage' },
    schema: { tags, summary: 'Edit a VIP plan (or stop offering it: active false)', params: ZPlanParams, body: ZPlanUpdate, response: { 200: ZPlan, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'vip.manage');
    return orProblem(await memberships.updatePlan(req.params.program_id, req.params.plan_id, req.body));
  });

  app.get(base, {
    config: { permission: 'vip.read' },
    schema: { tags, summary: 'VIP memberships, soonest end first', params: zProgramParams, querystring: ZMembershipListQuery, response: { 200: z.object({ items: z.array(ZMembership) }), ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'vip.read');
    const q = req.query;
    const items = await memberships.list(req.params.program_id, { status: q.status, kind: q.kind, memberId: q.member_id }, await today(req.params.program_id));
    return { items: items.map((m) => shown(actor, m)) };
  });
  app.post(base, {
    config: { permission: 'vip.manage' },
    schema: {
      tags, summary: 'Start a VIP membership with its first payment', params: zProgramParams, body: ZMembershipCreate, response: { 201: ZMembershipDetail, ...problemResponses },
      description: 'A membership starts only when paid: the payment (one term\'s fee in full, a receipt number unique in the program) is recorded with who recorded it. '
        + 'The holder or the named members get the plan\'s benefits at once. A retry with the same receipt number is refused (vip_receipt_taken), so it cannot start twice.',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'vip.manage');
    return reply.code(201).send(shown(actor, orProblem(await flows.startMembership(req.params.program_id, req.body, actor))));
  });
  app.get(`${base}/:membership_id`, {
    config: { permission: 'vip.read' },
    schema: { tags, summary: 'A VIP membership: members, payments, refunds', params: ZMembershipParams, response: { 200: ZMembershipDetail, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'vip.read');
    return shown(actor, orProblem(await memberships.detail(req.params.program_id, req.params.membership_id, await today(req.params.program_id))));
  });
  app.post(`${base}/:membership_id/renewals`, {
    config: { permission: 'vip.manage' },
    schema: {
      tags, summary: 'Renew for one more term with its payment', params: ZMembershipParams, body: ZRenewal, response: { 201: ZMembershipDetail, ...problemResponses },
      description: 'Paid on or before the last day: the term starts the day after it. Paid later (lapsed): the term starts on the payment day, and the members it had at its expiry get their seats back.',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'vip.manage');
    return reply.code(201).send(shown(actor, orProblem(await flows.renewMembership(req.params.program_id, req.params.membership_id, req.body, actor))));
  });
  app.get(`${base}/:membership_id/end-preview`, {
    config: { permission: 'vip.read' },
    schema: { tags, summary: 'What ending now would refund', params: ZMembershipParams, response: { 200: ZRefundPreview, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'vip.read');
    return orProblem(await flows.previewEnd(req.params.program_id, req.params.membership_id));
  });
  app.post(`${base}/:membership_id/end`, {
    config: { permission: 'vip.manage' },
    schema: {
      tags, summary: 'End a membership early, recording its refund', params: ZMembershipParams, body: ZEndEarly, response: { 200: ZMembershipDetail, ...problemResponses },
      description: 'The membership\'s last day becomes today; with a pro rata plan the refund is floor(fee × days after today / term days) per paid term. refund_fen must be the preview\'s figure.',
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'vip.manage');
    return shown(actor, orProblem(await flows.endMembership(req.params.program_id, req.params.membership_id, req.body, actor)));
  });
  app.post(`${base}/:membership_id/members`, {
    config: { permission: 'vip.manage' },
    schema: { tags, summary: 'Add a named member to a corporate membership', params: ZMembershipParams, body: ZSeatAdd, response: { 200: ZMembershipDetail, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'vip.manage');
    return shown(actor, orProblem(await flows.addVipMember(req.params.program_id, req.params.membership_id, req.body.member_id, actor)));
  });
  app.delete(`${base}/:membership_id/members/:member_id`, {
    config: { permission: 'vip.manage' },
    schema: { tags, summary: 'Remove a named member from a corporate membership', params: ZSeatParams, response: { 200: ZMembershipDetail, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'vip.manage');
    return shown(actor, orProblem(await flows.removeVipMember(req.params.program_id, req.params.membership_id, req.params.member_id, actor)));
  });
  app.post('/v1/programs/:program_id/jobs/memberships', {
    config: { permission: 'vip.manage' },
    schema: {
      tags: ['jobs'], summary: 'Run the VIP memberships job for a day (default: today)', params: zProgramParams, body: ZJobRun, response: { 200: ZJobResult, ...problemResponses },
      description: 'Expires memberships whose last day is before as_of and withdraws their benefits; sends membership.expiring 30 and 7 days before the end, once each per term. The body is optional.',
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'vip.manage');
    const r = orProblem(await flows.runMembershipsJob({ programId: req.params.program_id, asOf: req.body?.as_of }));
    const one = r[0]!;
    return { as_of: one.as_of, expired: one.expired, notices_30: one.notices_30, notices_7: one.notices_7 };
  });
}
