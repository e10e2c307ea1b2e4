import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { idempotencyKey, orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZAccountManager, ZAccountManagerIn, ZAgent, ZAssignIn, ZAttachmentIn, ZCase, ZCaseActionIn, ZCaseDetail, ZCaseEvent, ZCaseOpen, ZCasePage, ZCaseQuery,
  ZCaseSettings, ZCaseSettingsIn, ZGoodwill, ZGoodwillIn, ZMessageIn, ZNoteIn, ZProceedingIn, zCaseParams, zMemberParams,
} from './case.schema.ts';
import type { CaseService } from './case.service.ts';

type Flows = Pick<Workflows, 'openCase' | 'actOnCase' | 'assignCase' | 'takeCase' | 'messageCase' | 'noteCase' | 'attachToCase' | 'recordProceeding'
  | 'giveGoodwill' | 'caseQueue' | 'caseDetail' | 'caseAccountManager' | 'setCaseAccountManager'>;

/** The service desk's API: the queue, a case and its timeline, its actions, goodwill, account managers, settings. */
export function caseRoutes(app: App, cases: CaseService, flows: Flows) {
  const tags = ['cases'];
  const base = '/v1/programs/:program_id/cases';
  const one = `${base}/:case_id`;

  app.get(base, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'The queue: cases newest first, by status, type, assignee (me, unassigned, any, a staff id), store, priority, member; store staff see their store\'s', params: zProgramParams, querystring: ZCaseQuery, response: { 200: ZCasePage, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'cases.read');
    return flows.caseQueue(req.params.program_id, req.query, actor);
  });
  app.post(base, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'Open a case (intake from any channel): numbered, routed to the member\'s account manager or round robin among the agents', params: zProgramParams, body: ZCaseOpen, idempotencyKey: 'optional', response: { 201: ZCase, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    const r = orProblem(await flows.openCase(req.params.program_id, req.body, actor, idempotencyKey(req.headers, false)));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(r.status as 201).send(r.body);
  });
  app.get(`${base}/settings`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'The desk\'s settings: the per-grant goodwill ceiling', params: zProgramParams, response: { 200: ZCaseSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.read');
    return cases.settings(req.params.program_id);
  });
  app.put(`${base}/settings`, {
    config: { permission: 'cases.manage' },
    schema: { tags, summary: 'Set the per-grant goodwill ceiling (above it only cases.manage may grant)', params: zProgramParams, body: ZCaseSettingsIn, response: { 200: ZCaseSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.manage');
    return cases.setSettings(req.params.program_id, req.body);
  });
  app.get(`${base}/agents`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'Active staff who may work cases (whom a case can be assigned to)', params: zProgramParams, response: { 200: z.object({ items: z.array(ZAgent) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.read');
    return { items: await cases.agents(req.params.program_id) };
  });
  app.get(one, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'A case with its timeline and the actions possible now', params: zCaseParams, response: { 200: ZCaseDetail, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'cases.read');
    return orProblem(await flows.caseDetail(req.params.program_id, req.params.case_id, actor));
  });
  app.post(`${one}/take`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'Take an unassigned case from the queue (409 when someone has it)', params: zCaseParams, response: { 200: ZCase, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return orProblem(await flows.takeCase(req.params.program_id, req.params.case_id, actor));
  });
  app.post(`${one}/assign`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'Assign the case to an active staff account who works cases: an unassigned case or one\'s own with cases.work; a colleague\'s case needs cases.manage (403 case_reassign_forbidden)', params: zCaseParams, body: ZAssignIn, response: { 200: ZCase, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return orProblem(await flows.assignCase(req.params.program_id, req.params.case_id, req.body.assignee_id, actor));
  });
  app.post(`${one}/actions`, {
    config: { permission: 'cases.work' },
    schema: {
      tags, summary: 'A step of the case\'s flow (service request: engage, plan, implement, evaluate, close; complaint: investigate, record_solution, tell_outcome, confirm, reject, close), or wait / resume (waiting on the member); 409 naming the state when impossible',
      params: zCaseParams, body: ZCaseActionIn.extend({ message: ZMessageIn.omit({ direction: true }).optional().describe('tell_outcome: the message that tells the member') }), response: { 200: ZCase, ...problemResponses },
    },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return orProblem(await flows.actOnCase(req.params.program_id, req.params.case_id, req.body, actor));
  });
  app.post(`${one}/notes`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'An internal note on the timeline (never shown to the member)', params: zCaseParams, body: ZNoteIn, response: { 201: ZCaseEvent, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return reply.code(201).send(orProblem(await flows.noteCase(req.params.program_id, req.params.case_id, req.body.body, actor)));
  });
  app.post(`${one}/messages`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'A message to the member (sent on sms, email, portal; recorded on phone, store, wechat) or from the member (recorded; resumes a case waiting on them)', params: zCaseParams, body: ZMessageIn, response: { 201: ZCaseEvent, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return reply.code(201).send(orProblem(await flows.messageCase(req.params.program_id, req.params.case_id, req.body, actor)));
  });
  app.post(`${one}/attachments`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'An attachment by reference (name, type, size, where it is stored)', params: zCaseParams, body: ZAttachmentIn, response: { 201: ZCaseEvent, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return reply.code(201).send(orProblem(await flows.attachToCase(req.params.program_id, req.params.case_id, req.body, actor)));
  });
  app.post(`${one}/proceedings`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'A mediation (调解) or arbitration (仲裁) step on a complaint: date, parties, outcome, documents by reference', params: zCaseParams, body: ZProceedingIn, response: { 201: ZCaseEvent, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return reply.code(201).send(orProblem(await flows.recordProceeding(req.params.program_id, req.params.case_id, req.body, actor)));
  });
  app.post(`${one}/goodwill`, {
    config: { permission: 'cases.goodwill' },
    schema: { tags, summary: 'Goodwill from the case: points through the ledger or a coupon, with a reason; Idempotency-Key required', params: zCaseParams, body: ZGoodwillIn, idempotencyKey: 'required', response: { 201: ZGoodwill, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'cases.goodwill');
    const r = orProblem(await flows.giveGoodwill(req.params.program_id, req.params.case_id, req.body, actor, idempotencyKey(req.headers, true)!));
    if (r.replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(r.status as 201).send(r.body);
  });

  const am = '/v1/programs/:program_id/members/:member_id/account-manager';
  app.get(am, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'The member\'s dedicated account manager (专属客户经理), who gets their cases first', params: zMemberParams, response: { 200: ZAccountManager, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.read');
    return flows.caseAccountManager(req.params.program_id, req.params.member_id);
  });
  app.put(am, {
    config: { permission: 'cases.manage' },
    schema: { tags, summary: 'Set (or, with null, remove) the member\'s dedicated account manager', params: zMemberParams, body: ZAccountManagerIn, response: { 200: ZAccountManager, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'cases.manage');
    return orProblem(await flows.setCaseAccountManager(req.params.program_id, req.params.member_id, req.body.staff_id, actor));
  });
}
