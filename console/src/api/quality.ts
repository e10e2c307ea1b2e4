// The quality workspace's endpoints (质量监控): scorecards, samples, reviews, calibration, disputes, per-agent figures.
import { get, query, request } from './client.ts';
import type { components } from './schema.ts';

type Schemas = components['schemas'];
export type Scorecard = Schemas['QualityScorecard'];
export type Category = Scorecard['categories'][number];
export type Sample = Schemas['QualitySample'];
export type SampleIn = Schemas['QualitySampleInInput'];
export type Assignment = Schemas['QualityAssignment'];
export type Review = Schemas['QualityReview'];
export type ReviewIn = Schemas['QualityReviewInInput'];
export type Dispute = Schemas['QualityDispute'];
export type Calibration = Schemas['QualityCalibration'];
export type AgentFigures = Schemas['QualityAgentFigures'];
export type AnswerIn = ReviewIn['answers'][number];

const base = (pid: string) => `/v1/programs/${encodeURIComponent(pid)}/quality`;

export const scorecards = (pid: string) => get<{ items: Scorecard[] }>(`${base(pid)}/scorecards`);
export const samples = (pid: string) => get<{ items: Sample[] }>(`${base(pid)}/samples`);
export const createSample = (pid: string, body: SampleIn) => request<Sample>('POST', `${base(pid)}/samples`, { body });
export const myAssignments = (pid: string) => get<{ items: Assignment[] }>(`${base(pid)}/assignments`);
export const reviews = (pid: string, q: { agent_id?: string; case_id?: string } = {}) => get<{ items: Review[] }>(`${base(pid)}/reviews${query(q)}`);
export const submitReview = (pid: string, body: ReviewIn) => request<Review>('POST', `${base(pid)}/reviews`, { body });
export const myReviews = (pid: string) => get<{ items: Review[]; disputes: Dispute[] }>(`${base(pid)}/my-reviews`);
export const dispute = (pid: string, reviewId: string, reason: string) =>
  request<Dispute>('POST', `${base(pid)}/reviews/${encodeURIComponent(reviewId)}/dispute`, { body: { reason } });
export const disputes = (pid: string) => get<{ items: Dispute[] }>(`${base(pid)}/disputes`);
export const resolveDispute = (pid: string, id: string, body: Schemas['QualityResolveInInput']) =>
  request<Dispute>('POST', `${base(pid)}/disputes/${encodeURIComponent(id)}/resolve`, { body });
export const calibrations = (pid: string) => get<{ items: Calibration[] }>(`${base(pid)}/calibration`);
export const agents = (pid: string, from: string, to: string) => get<{ items: AgentFigures[] }>(`${base(pid)}/agents${query({ from, to })}`);

/** A 0..1 score as a percentage; "—" where there is no figure (never a made-up one). */
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
export const reviewers = (pid: string) => get<{ items: { id: string; display_name: string }[] }>(`${base(pid)}/reviewers`);
export const scorecard = (pid: string, id: string) => get<Scorecard>(`${base(pid)}/scorecards/${encodeURIComponent(id)}`);
export type ScorecardIn = Schemas['QualityScorecardInInput'];
export const createScorecard = (pid: string, body: ScorecardIn) => request<Scorecard>('POST', `${base(pid)}/scorecards`, { body });
/** Once a review uses the scorecard the answer is its next version (a new id), the old one retired. */
export const changeScorecard = (pid: string, id: string, body: ScorecardIn) =>
  request<Scorecard>('PUT', `${base(pid)}/scorecards/${encodeURIComponent(id)}`, { body });
