import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZAwardJob, ZBirthdayRun, ZBirthdayRunRequest, ZCampaign, ZCampaignCreate, ZCampaignJobParams, ZCampaignListQuery, ZCampaignParams,
  ZCampaignReport, ZCampaignStatusChange, ZCampaignUpdate,
} from './campaign.schema.ts';
import type { CampaignService } from './campaign.service.ts';

export function campaignRoutes(app: App, campaigns: CampaignService, flows: Pick<Workflows, 'startCampaignAward' | 'campaignReport' | 'sendBirthdayGreetings'>) {
  const tags = ['campaigns'];
  const base = '/v1/programs/:program_id/campaigns';
  app.get(base, {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: 'Campaigns, latest start first', params: zProgramParams, querystring: ZCampaignListQuery, response: { 200: z.object({ items: z.array(ZCampaign) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    return { items: await campaigns.list(req.params.program_id, req.query.status) };
  });
  app.post(base, {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: 'Create a campaign (a draft)', params: zProgramParams, body: ZCampaignCreate, response: { 201: ZCampaign, ...problemResponses },
      description: 'A draft applies to nothing until activated. The holdout share is drawn per member from a salt the campaign gets now, so it is sticky.',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'campaigns.manage');
    return reply.code(201).send(await campaigns.create(req.params.program_id, req.body, actor.keyId));
  });
  app.get(`${base}/:campaign_id`, {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: 'A campaign: budget used and left, members reached and awarded', params: ZCampaignParams, response: { 200: ZCampaign, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    return orProblem(await campaigns.get(req.params.program_id, req.params.campaign_id));
  });
  app.patch(`${base}/:campaign_id`, {
    config: { permission: 'campaigns.manage' },
    schema: { tags, summary: 'Edit a draft or active campaign', params: ZCampaignParams, body: ZCampaignUpdate, response: { 200: ZCampaign, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.manage');
    return orProblem(await campaigns.update(req.params.program_id, req.params.campaign_id, req.body));
  });
  app.post(`${base}/:campaign_id/status`, {
    config: { permission: 'campaigns.manage' },
    schema: { tags, summary: 'Activate, end or cancel a campaign', params: ZCampaignParams, body: ZCampaignStatusChange, response: { 200: ZCampaign, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.manage');
    return orProblem(await campaigns.setStatus(req.params.program_id, req.params.campaign_id, req.body.status));
  });
  app.post(`${base}/:campaign_id/award`, {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags, summary: 'Start the one-off award of an active award campaign (a job)', params: ZCampaignParams, response: { 202: ZAwardJob, ...problemResponses },
      description: 'Gives award_points once to every member of the target except the held-out ones, within the budget. Safe to run again (or twice at once): no member is awarded twice. Follow the job at award-jobs/{job_id}.',
    },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'campaigns.manage');
    const { job } = orProblem(await flows.startCampaignAward(req.params.program_id, req.params.campaign_id, actor));
    return reply.code(202).send(job);
  });
  app.get(`${base}/:campaign_id/award-jobs`, {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: 'The campaign\'s award runs, newest first', params: ZCampaignParams, response: { 200: z.object({ items: z.array(ZAwardJob) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    orProblem(await campaigns.row(req.params.program_id, req.params.campaign_id));
    return { items: await campaigns.jobs(req.params.program_id, req.params.campaign_id) };
  });
  app.get(`${base}/:campaign_id/award-jobs/:job_id`, {
    config: { permission: 'campaigns.read' },
    schema: { tags, summary: 'An award run\'s progress', params: ZCampaignJobParams, response: { 200: ZAwardJob, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    return orProblem(await campaigns.job(req.params.program_id, req.params.campaign_id, req.params.job_id));
  });
  app.get(`${base}/:campaign_id/report`, {
    config: { permission: 'campaigns.read' },
    schema: {
      tags, summary: 'Holdout report: treated vs held-out spend, visits and points, the lift and its 95 % interval, by day', params: ZCampaignParams,
      response: { 200: ZCampaignReport, ...problemResponses },
      description: 'Over the campaign\'s window up to now. Per member: spend net of returns (fen), visits (local days with a purchase), points earned by purchases plus the award. '
        + 'The lift is the treated mean minus the held-out mean, with Welch\'s t interval.',
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.read');
    return orProblem(await flows.campaignReport(req.params.program_id, req.params.campaign_id));
  });
  app.post('/v1/programs/:program_id/jobs/birthdays', {
    config: { permission: 'campaigns.manage' },
    schema: {
      tags: ['jobs'], summary: 'Send birthday greetings (member.birthday events) for a day (default: today)', params: zProgramParams, body: ZBirthdayRunRequest,
      description: 'One member.birthday event per active member with a birthday that local day who consents to marketing, once per member and year; with the tier\'s birthday gift. The body is optional.',
      response: { 200: ZBirthdayRun, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'campaigns.manage');
    const [r] = orProblem(await flows.sendBirthdayGreetings({ programId: req.params.program_id, asOf: req.body?.as_of }));
    return { as_of: r!.as_of, birthdays: r!.birthdays, consenting: r!.consenting, sent: r!.sent };
  });
}
