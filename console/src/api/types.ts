// The console's names for the API's shapes. They are aliases of the types generated from
// the server's OpenAPI document (schema.ts, `npm run gen:api`), so they cannot drift from it.
// Money is integer fen, points are integers.
import type { components, paths } from './schema.ts';

export type Schemas = components['schemas'];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Me = Schemas['Me'];
export type Role = Me['role'];
export type Program = Schemas['Program'];
/** What the screens need of a program (a pos key that may not read its program gets a stand-in). */
export type ProgramSummary = Pick<Program, 'id' | 'name' | 'time_zone' | 'currency' | 'earn_rate' | 'pending_days'>;
export type Store = Schemas['Store'];
export type Tier = Schemas['Tier'];

export type Member = Schemas['Member'];
/** What a termination settles (the preview before, `settled` after). */
export type TerminationSettlement = Schemas['TerminationSettlement'];
export type TerminatedMember = Schemas['TerminatedMember'];
export type VipRefundInput = Schemas['VipEndEarlyInput'];
export type MemberStatus = Member['status'];
export type MemberPage = Schemas['MemberPage'];
export type Gender = NonNullable<Member['gender']>;
export type MemberLanguage = Member['language'];

export type Balance = Schemas['Balance'];
export type Lot = Schemas['Lot'];
export type LotState = Lot['state'];
export type StatementEntry = Schemas['StatementEntry'];
export type EntryKind = StatementEntry['kind'];

export type Purchase = Schemas['Purchase'];
export type ReturnResult = Schemas['Return'];
export type Redemption = Schemas['Redemption'];
export type Adjustment = Schemas['Adjustment'];
export type ReasonCode = Adjustment['reason_code'];

export type TierBenefits = Schemas['TierBenefitsView'];
export type TierPolicy = Schemas['TierPolicyView'];
export type TierBasis = TierPolicy['basis'];
export type TierPreview = Schemas['TierPreview'];
export type TierJob = Schemas['TierJob'];
export type MemberTier = Schemas['MemberTier'];
export type TierFloor = Schemas['TierFloor'];
export type Segment = Schemas['Segment'];
export type SegmentConditions = Schemas['SegmentConditionsInput'];
export type SegmentMember = Schemas['SegmentMember'];
export type SegmentSample = Schemas['SegmentSample'];
export type SegmentPreview = Schemas['SegmentPreview'];
export type SegmentRun = Schemas['SegmentRun'];
export type SegmentCreate = Schemas['SegmentCreateInput'];
export type SegmentUpdate = Schemas['SegmentUpdateInput'];

/** Request bodies, as the server accepts them. */
export type MemberCreate = Schemas['MemberCreateInput'];
export type MemberUpdate = Schemas['MemberUpdateInput'];
export type RevealRequest = Schemas['RevealRequestInput'];
export type Revealed = Schemas['Revealed'];
export type PurchaseCreate = Schemas['PurchaseCreateInput'];
export type ReturnCreate = Schemas['ReturnCreateInput'];
export type RedemptionCreate = Schemas['RedemptionCreateInput'];
export type AdjustmentCreate = Schemas['AdjustmentCreateInput'];
export type TierTableInput = Schemas['TierTableInput'];
export type TierFloorCreate = Schemas['TierFloorCreateInput'];

/** A list answer: `{ items }`, and the statement's `next_cursor`. */
export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}
export type StatementPage = JsonBody<paths['/v1/programs/{program_id}/members/{member_id}/statement']['get']['responses'][200]>;

/**
 * RFC 9457 problem details as Patron sends them (Schemas['Problem']); the console also makes
 * some itself for network failures and non-problem answers, which have no code.
 */
export type Problem = Pick<Schemas['Problem'], 'type' | 'title' | 'status' | 'detail' | 'field' | 'errors' | 'instance'> & {
  code?: Schemas['Problem']['code'];
  [extra: string]: unknown;
};

/** Earning rules, their dry run and the program's earn settings. */
export type Rule = Schemas['Rule'];
export type RuleStatus = Rule['status'];
export type RuleVersionInfo = Schemas['RuleVersionInfo'];
export type RuleInput = Schemas['RuleDefinitionInput'];
export type RuleConditions = Schemas['RuleConditionsInput'];
export type RuleEffect = Schemas['RuleEffectInput'];
export type RuleCaps = Schemas['RuleCapsInput'];
export type RuleSimulation = Schemas['RuleSimulationInput'];
export type EarnPreview = Schemas['EarnPreview'];
export type BreakdownItem = Schemas['EarnBreakdownItem'];
export type CapName = BreakdownItem['trimmed_by'][number];
export type ProgramUpdate = Schemas['ProgramUpdateInput'];
export type Campaign = Schemas['Campaign'];
export type CampaignStatus = Campaign['status'];
export type CampaignCreate = Schemas['CampaignCreateInput'];
export type CampaignUpdate = Schemas['CampaignUpdateInput'];
export type CampaignAwardJob = Schemas['CampaignAwardJob'];
export type CampaignReport = Schemas['CampaignReport'];
export type CampaignLift = Schemas['CampaignLift'];
export type EventReward = Schemas['EventReward'];

export type AuditRecord = Schemas['AuditRecord'];
export type AuditPage = Schemas['AuditPage'];
export type AuditVerify = Schemas['AuditVerify'];
export type AuditFacets = Schemas['AuditFacets'];
export type AuditFilter = NonNullable<paths['/v1/programs/{program_id}/audit']['get']['parameters']['query']>;
export type ProgramOverview = Schemas['ProgramOverview'];
