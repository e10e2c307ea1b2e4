import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses } from '../../platform/schema.ts';
import {
  ZInvite, ZInvited, ZLowScore, ZLowScoresQuery, ZMemberSurveys, ZResults, ZResultsQuery, ZSurvey, ZSurveyCreate, ZSurveyUpdate, zMemberParams, zSurveyParams,
} from './survey.schema.ts';
import { zProgramParams } from '../../platform/schema.ts';
import { z } from 'zod';
import type { SurveyService } from './survey.service.ts';

export function surveyRoutes(app: App, surveys: SurveyService) {
  const tags = ['surveys'];
  const base = '/v1/programs/:program_id/surveys';

  app.get(base, {
    config: { permission: 'surveys.read' },
    schema: { tags, summary: 'The program\'s surveys (CSAT, NPS, custom), newest first, with invitations sent and answers', params: zProgramParams, response: { 200: z.object({ items: z.array(ZSurvey) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'surveys.read');
    return surveys.list(req.params.program_id);
  });
  app.post(base, {
    config: { permission: 'surveys.manage' },
    schema: { tags, summary: 'Create a survey (CSAT and NPS get their default questions when none are given; one active CSAT survey per program)', params: zProgramParams, body: ZSurveyCreate, response: { 201: ZSurvey, ...problemResponses } },
  }, async (req, reply) => {
    authorize(req, req.params.program_id, 'surveys.manage');
    return reply.code(201).send(orProblem(await surveys.create(req.params.program_id, req.body)));
  });
  app.get(`${base}/low-scores`, {
    config: { permission: 'surveys.read' },
    schema: { tags, summary: 'Low answers (CSAT 1–2, NPS 0–6), newest first: each can open a follow-up case', params: zProgramParams, querystring: ZLowScoresQuery, response: { 200: z.object({ items: z.array(ZLowScore) }), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'surveys.read');
    return surveys.lowScores(req.params.program_id, req.query);
  });
  app.get(`${base}/:survey_id`, {
    config: { permission: 'surveys.read' },
    schema: { tags, summary: 'A survey', params: zSurveyParams, response: { 200: ZSurvey, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'surveys.read');
    return orProblem(await surveys.get(req.params.program_id, req.params.survey_id));
  });
  app.patch(`${base}/:survey_id`, {
    config: { permission: 'surveys.manage' },
    schema: { tags, summary: 'Change a survey: its settings any time, its questions until the first answer (then frozen)', params: zSurveyParams, body: ZSurveyUpdate, response: { 200: ZSurvey, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'surveys.manage');
    return orProblem(await surveys.update(req.params.program_id, req.params.survey_id, req.body));
  });
  app.post(`${base}/:survey_id/invitations`, {
    config: { permission: 'surveys.manage' },
    schema: { tags, summary: 'Send an NPS or custom survey to members or a segment\'s members: a single-use link each, through the notification templates; members without marketing consent are skipped', params: zSurveyParams, body: ZInvite, response: { 200: ZInvited, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'surveys.manage');
    const r = orProblem(await surveys.invite(req.params.program_id, req.params.survey_id, req.body));
    // the link goes to the member only: staff never hold a member's answer key
    return { items: r.items.map(({ token: _, ...item }) => item) };
  });
  app.get(`${base}/:survey_id/results`, {
    config: { permission: 'surveys.read' },
    schema: { tags, summary: 'Results: CSAT % / NPS / average, response rate, trends by week and month, by store, tier and agent, and the comments', params: zSurveyParams, querystring: ZResultsQuery, response: { 200: ZResults, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'surveys.read');
    return orProblem(await surveys.results(req.params.program_id, req.params.survey_id, req.query));
  });
  app.get('/v1/programs/:program_id/members/:member_id/surveys', {
    config: { permission: 'surveys.read' },
    schema: { tags, summary: 'A member\'s survey invitations and answers', params: zMemberParams, response: { 200: ZMemberSurveys, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'surveys.read');
    return surveys.memberSurveys(req.params.program_id, req.params.member_id);
  });
}
