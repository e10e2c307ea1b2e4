import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zProgramParams } from '../../platform/schema.ts';
import type { Workflows } from '../../workflows/index.ts';
import {
  ZAgentFigures, ZAssignment, ZCalibrationCase, ZDispute, ZDisputeIn, ZRangeQuery, ZResolveIn, ZReview, ZReviewIn, ZReviewQuery, ZSample, ZSampleIn,
  ZScorecard, ZScorecardIn, zCaseParams, zDisputeParams, zReviewParams, zScorecardParams,
} from './quality.schema.ts';
import type { QualityService } from './quality.service.ts';

type Flows = Pick<Workflows, 'sampleCases' | 'qualityReviewers' | 'reviewCase' | 'qualityReviews' | 'myQualityReviews' | 'qualityDisputes' | 'qualitySamples'
  | 'qualityAssignments' | 'qualityCalibrations' | 'qualityCalibration' | 'qualityAgents'>;

/**
 * The quality workspace's API. Reading is quality.read, scoring and deciding quality.review;
 * an agent's own reviews and their dispute are cases.work (whoever works cases: the agents, who
 * do not see the team's workspace) with the check in the handler that the review is the caller's own.
 */
export function qualityRoutes(app: App, quality: QualityService, flows: Flows) {
  const tags = ['quality'];
  const base = '/v1/programs/:program_id/quality';
  const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

  app.get(`${base}/scorecards`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'Scorecards in use (the active version of each)', params: zProgramParams, response: { 200: items(ZScorecard), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return { items: await quality.scorecards(req.params.program_id) };
  });
  app.get(`${base}/scorecards/:scorecard_id`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'A scorecard (any version)', params: zScorecardParams, response: { 200: ZScorecard, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return orProblem(await quality.scorecard(req.params.program_id, req.params.scorecard_id));
  });
  app.post(`${base}/scorecards`, {
    config: { permission: 'quality.review' },
    schema: { tags, summary: 'Create a scorecard: weighted categories on a scale, critical ones with a pass mark, N/A allowed or not', params: zProgramParams, body: ZScorecardIn, response: { 201: ZScorecard, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'quality.review');
    return reply.code(201).send(await quality.createScorecard(req.params.program_id, req.body, actor));
  });
  app.put(`${base}/scorecards/:scorecard_id`, {
    config: { permission: 'quality.review' },
    schema: { tags, summary: 'Change a scorecard; once a review uses it the change is a new version (answered) and the old one is retired', params: zScorecardParams, body: ZScorecardIn, response: { 200: ZScorecard, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'quality.review');
    return orProblem(await quality.changeScorecard(req.params.program_id, req.params.scorecard_id, req.body, actor));
  });

  app.get(`${base}/samples`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'Recent samples with their assignments', params: zProgramParams, response: { 200: items(ZSample), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return { items: await flows.qualitySamples(req.params.program_id) };
  });
  app.post(`${base}/samples`, {
    config: { permission: 'quality.review' },
    schema: { tags, summary: 'Sample closed cases (random n, or every low-CSAT / breached-SLA one up to n) and assign them to reviewers', params: zProgramParams, body: ZSampleIn, response: { 201: ZSample, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'quality.review');
    return reply.code(201).send(orProblem(await flows.sampleCases(req.params.program_id, req.body, actor)));
  });
  app.get(`${base}/reviewers`, {
    config: { permission: 'quality.review' },
    schema: { tags, summary: 'Who may be given cases to score (active staff holding quality.review)', params: zProgramParams, response: { 200: items(z.object({ id: z.string(), display_name: z.string() })), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.review');
    return { items: await flows.qualityReviewers(req.params.program_id) };
  });
  app.get(`${base}/assignments`, {
    config: { permission: 'quality.review' },
    schema: { tags, summary: 'The caller\'s cases still to score', params: zProgramParams, response: { 200: items(ZAssignment), ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'quality.review');
    return { items: await flows.qualityAssignments(req.params.program_id, actor.keyId) };
  });

  app.get(`${base}/reviews`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'Reviews, newest first, by agent, case or reviewer', params: zProgramParams, querystring: ZReviewQuery, response: { 200: items(ZReview), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return { items: await flows.qualityReviews(req.params.program_id, req.query) };
  });
  app.get(`${base}/my-reviews`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: '我的质检: the signed-in person\'s own reviews and disputes', params: zProgramParams, response: { 200: z.object({ items: z.array(ZReview), disputes: z.array(ZDispute) }), ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return orProblem(await flows.myQualityReviews(req.params.program_id, actor));
  });
  app.post(`${base}/reviews`, {
    config: { permission: 'quality.review' },
    schema: { tags, summary: 'Score a closed case on a scorecard (one review per reviewer per case)', params: zProgramParams, body: ZReviewIn, response: { 201: ZReview, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'quality.review');
    return reply.code(201).send(orProblem(await flows.reviewCase(req.params.program_id, req.body, actor)));
  });
  app.get(`${base}/reviews/:review_id`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'A review', params: zReviewParams, response: { 200: ZReview, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return orProblem(await quality.review(req.params.program_id, req.params.review_id));
  });
  app.post(`${base}/reviews/:review_id/dispute`, {
    config: { permission: 'cases.work' },
    schema: { tags, summary: 'The reviewed agent disputes their own review, once, with a reason', params: zReviewParams, body: ZDisputeIn, response: { 201: ZDispute, ...problemResponses } },
  }, async (req, reply) => {
    const actor = authorize(req, req.params.program_id, 'cases.work');
    return reply.code(201).send(orProblem(await quality.raiseDispute(req.params.program_id, req.params.review_id, req.body.reason, actor)));
  });

  app.get(`${base}/disputes`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'Disputes, newest first, open and decided', params: zProgramParams, response: { 200: items(ZDispute), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return { items: await flows.qualityDisputes(req.params.program_id) };
  });
  app.post(`${base}/disputes/:dispute_id/resolve`, {
    config: { permission: 'quality.review' },
    schema: { tags, summary: 'Decide a dispute: upheld (the review re-scored with new answers) or rejected, with the outcome recorded', params: zDisputeParams, body: ZResolveIn, response: { 200: ZDispute, ...problemResponses } },
  }, async (req) => {
    const actor = authorize(req, req.params.program_id, 'quality.review');
    return orProblem(await quality.resolveDispute(req.params.program_id, req.params.dispute_id, req.body, actor));
  });

  app.get(`${base}/calibration`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'Cases scored by two or more reviewers, each with its categories side by side and where they disagree', params: zProgramParams, response: { 200: items(ZCalibrationCase), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return { items: await flows.qualityCalibrations(req.params.program_id) };
  });
  app.get(`${base}/calibration/:case_id`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'One case\'s reviews side by side', params: zCaseParams, response: { 200: ZCalibrationCase, ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return orProblem(await flows.qualityCalibration(req.params.program_id, req.params.case_id));
  });
  app.get(`${base}/agents`, {
    config: { permission: 'quality.read' },
    schema: { tags, summary: 'Per agent for cases closed in the range: quality score, the previous range\'s (trend), SLA compliance and CSAT (null where no figure exists)', params: zProgramParams, querystring: ZRangeQuery, response: { 200: items(ZAgentFigures), ...problemResponses } },
  }, async (req) => {
    authorize(req, req.params.program_id, 'quality.read');
    return { items: orProblem(await flows.qualityAgents(req.params.program_id, req.query)) };
  });
}
