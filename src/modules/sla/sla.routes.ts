import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import {
  ZAlertList, ZClockList, ZClockQuery, ZOverview, ZOverviewQuery, ZPolicy, ZPolicyCreate, ZPolicyList, ZPolicyUpdate, ZSettings, ZSettingsUpdate,
  zAlertParams, zPolicyParams,
} from './sla.schema.ts';
import type { SlaService } from './sla.service.ts';
import type { Workflows } from '../../workflows/index.ts';

export function slaRoutes(app: App, sla: SlaService, flows: Pick<Workflows, 'slaOverview'>) {
  const tags = ['sla'];
  const base = '/v1/programs/:program_id/sla';
  app.get(`${base}/policies`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'The SLA policies, the built-in defaults among them', params: zProgramParams, response: { 200: ZPolicyList, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.read');
    return sla.policies(req.params.program_id);
  });
  app.post(`${base}/policies`, {
    config: { permission: 'cases.manage' },
    schema: { tags, summary: 'Add a policy for a subject type, metric, tier and priority (the most specific one applies)', params: zProgramParams, body: ZPolicyCreate, response: { 201: ZPolicy, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'cases.manage');
    return reply.code(201).send(orProblem(await sla.createPolicy(req.params.program_id, req.body)));
  });
  app.patch(`${base}/policies/:policy_id`, {
    config: { permission: 'cases.manage' },
    schema: { tags, summary: 'Change a policy\'s target, warning share or escalation (clocks already running keep theirs)', params: zPolicyParams, body: ZPolicyUpdate, response: { 200: ZPolicy, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.manage');
    return orProblem(await sla.updatePolicy(req.params.program_id, req.params.policy_id, req.body));
  });
  app.delete(`${base}/policies/:policy_id`, {
    config: { permission: 'cases.manage' },
    schema: { tags, summary: 'Delete a policy (a built-in default applies again where it was replaced)', params: zPolicyParams, response: { 200: z.object({ deleted: z.literal(true) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.manage');
    return orProblem(await sla.deletePolicy(req.params.program_id, req.params.policy_id));
  });
  app.get(`${base}/settings`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'The desk\'s settings: quiet hours for staff alerts, the supervisor escalations go to', params: zProgramParams, response: { 200: ZSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.read');
    return sla.settings(req.params.program_id);
  });
  app.put(`${base}/settings`, {
    config: { permission: 'cases.manage' },
    schema: { tags, summary: 'Set the quiet hours and the desk supervisor', params: zProgramParams, body: ZSettingsUpdate, response: { 200: ZSettings, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.manage');
    return orProblem(await sla.setSettings(req.params.program_id, req.body));
  });
  app.get(`${base}/clocks`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'A subject\'s clocks: due times, state, pauses and the explanation of each due time', params: zProgramParams, querystring: ZClockQuery, response: { 200: ZClockList, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.read');
    return { items: await sla.clocksOf(req.params.program_id, { type: req.query.subject_type, id: req.query.subject_id }) };
  });
  app.get(`${base}/overview`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'Clocks due soon, breached or escalated, and the counts by owner', params: zProgramParams, querystring: ZOverviewQuery, response: { 200: ZOverview, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'cases.read');
    return flows.slaOverview(req.params.program_id, req.query);
  });
  app.get(`${base}/alerts`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'Your own SLA alerts (the console\'s bell), delivered ones only, newest first; an API key has none', params: zProgramParams, response: { 200: ZAlertList, ...problemResponses } },
  }, async (req) => {
    const p = authorize(req, req.params.program_id, 'cases.read');
    return p.staffId ? sla.alerts(req.params.program_id, p.staffId) : { items: [], unread: 0 };
  });
  app.post(`${base}/alerts/:alert_id/read`, {
    config: { permission: 'cases.read' },
    schema: { tags, summary: 'Mark one of your alerts read', params: zAlertParams, response: { 200: z.object({ read: z.literal(true) }), ...problemResponses } },
  }, async (req) => {
    const p = authorize(req, req.params.program_id, 'cases.read');
    return orProblem(await sla.markRead(req.params.program_id, p.staffId ?? '', req.params.alert_id));
  });
}
