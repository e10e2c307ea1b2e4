import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.ts';
import { conflict, isFailure, notFound, validation, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { memberSections, type MemberDataSection } from '../../platform/member-data.ts';
import { emit } from '../../platform/outbox.ts';
import { localDate } from '../../platform/time.ts';
import { assertTransaction, inTransaction } from '../../platform/transaction.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { MemberService } from '../members/index.ts';
import type { PrivacyService } from '../privacy/index.ts';
import type { ProgramService } from '../programs/index.ts';
import type { SegmentService } from '../segments/index.ts';
import type { StaffService } from '../staff/index.ts';
import type { StoreService } from '../stores/index.ts';
import type { TierService } from '../tiers/index.ts';
import { checkAnswers } from './answers.ts';
import { DEFAULT_QUESTIONS, DEFAULT_TITLES, LOW, NPS_DEFAULTS } from './defaults.ts';
import { linkExpired, linkUnknown, linkUsed, surveyFrozen, surveyNotActive, SURVEY_MESSAGES as M, wrongKind } from './survey.errors.ts';
import { surveyResults } from './survey.results.ts';
import { surveySampling } from './survey.sampling.ts';
import type { TInvite, TSurvey, TSurveyCreate, TSurveyUpdate } from './survey.schema.ts';
import type { InvitationRow, Question, SurveyKind, SurveyRow } from './survey.table.ts';

export interface SurveyDeps { programs: ProgramService; members: MemberService; privacy: PrivacyService; stores: StoreService; tiers: TierService; staff: StaffService; segments: SegmentService }
export interface SurveyOptions { /** where members open their links, e.g. https://crm.example.com */ publicUrl: string }

/** What a closed case hands over (the cases module's close-case workflow calls sendCsat with it). */
export interface CsatCase { caseId: string; caseNumber: string; memberId: string; agentStaffId: string | null; storeId: string | null; closedAt: Date }
interface Link { caseId?: string | null; caseNumber?: string | null; campaignId?: string | null; storeId?: string | null; agentStaffId?: string | null }
/** What a survey link opens: its invitation and its survey. */
export interface OpenedLink { invitation: InvitationRow; survey: SurveyRow }
/** `token`: the link's secret, for a server-side caller that hands the link on itself (the demo's seed); never stored, never in an API answer. */
export type InviteOutcome = { member_id: string; invitation_id: string | null; status: 'sent' | 'skipped' | 'already'; reason: string | null; token: string | null };

const iso = (d: Date | null) => d?.toISOString() ?? null;
const DAY = 86_400_000;
/** A member's contact as the members service answers it (status and marketing consent are what invite checks). */
export type Contact = Awaited<ReturnType<MemberService['contacts']>> extends Map<string, infer C> ? C : never;

/** The shape a kind demands of its questions: its headline rating first (what results count). */
function checkShape(kind: SurveyKind, questions: Question[]) {
  const first = questions[0];
  if (kind === 'csat' && !(first?.type === 'rating' && first.min === 1 && first.max === 5)) return validation('questions', M.csat_shape());
  if (kind === 'nps' && !(first?.type === 'rating' && first.min === 0 && first.max === 10)) return validation('questions', M.nps_shape());
  return null;
}

export function surveyService(ctx: Ctx, deps: SurveyDeps, opts: SurveyOptions) {
  const base = opts.publicUrl.replace(/\/+$/, '');
  const row = (programId: string, id: string) =>
    ctx.db.selectFrom('surveys').selectAll().where('program_id', '=', programId).where('id', '=', id).executeTakeFirst();

  async function withCounts(rows: SurveyRow[]): Promise<TSurvey[]> {
    if (!rows.length) return [];
    const counts = await ctx.db.selectFrom('survey_invitations')
      .select((eb) => ['survey_id', eb.fn.count<string>('token_hash').as('invited'), eb.fn.countAll<string>().filterWhere('status', '=', 'answered').as('answered')])
      .where('program_id', '=', rows[0]!.program_id).where('survey_id', 'in', rows.map((r) => r.id)).groupBy('survey_id').execute();
    const by = new Map(counts.map((c) => [c.survey_id, c]));
    return rows.map((r) => {
      const c = by.get(r.id);
      return {
        id: r.id, kind: r.kind, title: r.title, intro: r.intro, questions: r.questions, status: r.status, link_days: r.link_days,
        sample_size: r.sample_size, every_days: r.every_days, recontact_days: r.recontact_days, last_round_at: iso(r.last_round_at),
        frozen: Number(c?.answered ?? 0) > 0, invited: Number(c?.invited ?? 0), answered: Number(c?.answered ?? 0),
        created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
      };
    });
  }
  const one = async (programId: string, id: string): Promise<Result<TSurvey>> => {
    const r = await row(programId, id);
    return r ? (await withCounts([r]))[0]! : notFound('survey', 'survey_id');
  };

  /** The program's active CSAT survey, made with the default questions the first time a case needs one. */
  async function csatSurvey(programId: string): Promise<SurveyRow> {
    const find = () => ctx.db.selectFrom('surveys').selectAll().where('program_id', '=', programId).where('kind', '=', 'csat').where('status', '=', 'active').executeTakeFirst();
    const found = await find();
    if (found) return found;
    // two closings at once: one insert wins (one active CSAT survey per program), both use it
    await ctx.db.insertInto('surveys').values({ program_id: programId, id: newId('srv'), kind: 'csat', title: DEFAULT_TITLES.csat, questions: JSON.stringify(DEFAULT_QUESTIONS.csat) })
      .onConflict((oc) => oc.doNothing()).execute();
    return (await find())!;
  }

  /**
   * One invitation: consent and status checked now, a fresh token (only its hash kept), and the
   * outbox event the notification relay turns into the message, in one transaction. A second
   * invitation for the same survey, member and occasion (or the same case) adds nothing: 'already'.
   * Consent: CSAT about the member's own case is part of the service they joined for (purpose
   * `service`); NPS and custom surveys are marketing research (members.marketing_consent_at).
   * `contacts`: the members' contacts when the caller read them for many at once (an NPS round,
   * a segment); a member missing from it is read here.
   */
  async function invite(s: SurveyRow, memberId: string, occasion: string, link: Link, now: Date, tz: string, contacts?: ReadonlyMap<string, Contact>): Promise<InviteOutcome> {
    const contact = contacts?.get(memberId) ?? (await deps.members.contacts(s.program_id, [memberId])).get(memberId);
    let reason: string | null = null;
    if (!contact || contact.status !== 'active') reason = 'inactive_member';
    else if (s.kind === 'csat') {
      const service = (await deps.privacy.consents(s.program_id, memberId)).find((c) => c.purpose === 'service');
      if (!service?.granted) reason = 'no_consent';
    } else if (!contact.marketing) reason = 'no_consent';
    const token = randomToken(24);
    const expires = new Date(now.getTime() + s.link_days * DAY);
    return inTransaction(ctx.db, async (trx) => {
      const inserted = await trx.insertInto('survey_invitations').values({
        program_id: s.program_id, id: newId('inv', now.getTime()), survey_id: s.id, kind: s.kind, member_id: memberId, occasion,
        token_hash: reason ? null : sha256(token), status: reason ? 'skipped' : 'sent', reason,
        case_id: link.caseId ?? null, case_number: link.caseNumber ?? null, campaign_id: link.campaignId ?? null, store_id: link.storeId ?? null,
        agent_staff_id: link.agentStaffId ?? null, expires_at: reason ? null : expires, created_at: now,
      }).onConflict((oc) => oc.doNothing()).returning(['id']).executeTakeFirst();
      if (!inserted) return { member_id: memberId, invitation_id: null, status: 'already' as const, reason: null, token: null };
      if (!reason) {
        await emit(trx, {
          programId: s.program_id, topic: `survey.${s.kind}`, aggregateId: inserted.id,
          payload: { member_id: memberId, survey_title: s.title, link: `${base}/s/${token}`, expires_on: localDate(expires, tz), case_number: link.caseNumber ?? '' },
        });
      }
      return { member_id: memberId, invitation_id: inserted.id, status: reason ? 'skipped' as const : 'sent' as const, reason, token: reason ? null : token };
    });
  }
  const timeZone = (programId: string) => deps.programs.timeZone(programId);
  /** Many members' contacts in slices of 1,000: one query each, not one per member. */
  async function contactsOf(programId: string, ids: readonly string[]): Promise<Map<string, Contact>> {
    const out = new Map<string, Contact>();
    for (let i = 0; i < ids.length; i += 1000) for (const [id, c] of await deps.members.contacts(programId, ids.slice(i, i + 1000))) out.set(id, c);
    return out;
  }

  /** The invitation a token opens, and its survey; a used, expired or unknown link is a failure. */
  async function byToken(token: string, now: Date): Promise<Result<OpenedLink>> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return linkUnknown();
    const invitation = await ctx.db.selectFrom('survey_invitations').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
    if (!invitation) return linkUnknown();
    if (invitation.status === 'answered') return linkUsed();
    if (!invitation.expires_at || invitation.expires_at <= now) return linkExpired();
    const survey = (await row(invitation.program_id, invitation.survey_id))!;
    if (survey.status === 'closed') return linkExpired();
    return { invitation, survey };
  }

  const api = {
    async list(programId: string) {
      return { items: await withCounts(await ctx.db.selectFrom('surveys').selectAll().where('program_id', '=', programId).orderBy('created_at', 'desc').execute()) };
    },
    get: one,
    async create(programId: string, input: TSurveyCreate): Promise<Result<TSurvey>> {
      const questions = (input.questions ?? (input.kind === 'custom' ? null : DEFAULT_QUESTIONS[input.kind])) as Question[] | null;
      if (!questions) return validation('questions', M.required());
      const bad = checkShape(input.kind, questions);
      if (bad) return bad;
      const nps = input.kind === 'nps';
      const r = await ctx.db.insertInto('surveys').values({
        program_id: programId, id: newId('srv'), kind: input.kind, title: input.title, intro: input.intro ?? '', questions: JSON.stringify(questions),
        status: input.status ?? 'active', link_days: input.link_days ?? 14,
        sample_size: nps ? input.sample_size ?? NPS_DEFAULTS.sample_size : null, every_days: nps ? input.every_days ?? NPS_DEFAULTS.every_days : null,
        recontact_days: nps ? input.recontact_days ?? NPS_DEFAULTS.recontact_days : null,
      }).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
      // the one active CSAT survey per program
      if (!r) return conflict(M.one_csat(), 'kind');
      return (await withCounts([r]))[0]!;
    },
    /** Settings always; questions only until the first answer (frozen: the answers keep meaning what was asked). */
    async update(programId: string, id: string, input: TSurveyUpdate): Promise<Result<TSurvey>> {
      const current = await one(programId, id);
      if (isFailure(current)) return current;
      if (input.questions) {
        if (current.frozen && JSON.stringify(input.questions) !== JSON.stringify(current.questions)) return surveyFrozen();
        const bad = checkShape(current.kind, input.questions as Question[]);
        if (bad) return bad;
      }
      const { questions, ...rest } = input;
      const nps = current.kind === 'nps';
      const r = await ctx.db.updateTable('surveys').set({
        ...rest, ...(questions ? { questions: JSON.stringify(questions) } : {}), updated_at: new Date(),
        ...(nps ? {} : { sample_size: null, every_days: null, recontact_days: null }),
      }).where('program_id', '=', programId).where('id', '=', id).returningAll().executeTakeFirst().catch((e: { code?: string }) => {
        if (e.code === '23505') return null; // a second active CSAT survey
        throw e;
      });
      if (!r) return conflict(M.one_csat(), 'status');
      return (await withCounts([r]))[0]!;
    },

    /**
     * The CSAT survey for a closed case, to its member, attributed to the agent who closed it:
     * at most once per case (a unique index on the case), also when called twice at once.
     */
    async sendCsat(programId: string, c: CsatCase, now = new Date()): Promise<InviteOutcome> {
      const s = await csatSurvey(programId);
      return invite(s, c.memberId, `case:${c.caseId}`, { caseId: c.caseId, caseNumber: c.caseNumber, storeId: c.storeId, agentStaffId: c.agentStaffId }, now, await timeZone(programId));
    },
    /** An NPS or custom survey sent by hand to members, or to a segment's (a campaign's or a store's). */
    async invite(programId: string, surveyId: string, input: TInvite, now = new Date()): Promise<Result<{ items: InviteOutcome[] }>> {
      const s = await row(programId, surveyId);
      if (!s) return notFound('survey', 'survey_id');
      if (s.kind === 'csat') return wrongKind('csat', 'sent by hand');
      if (s.status !== 'active') return surveyNotActive(s.status);
      const tz = await timeZone(programId);
      // a custom survey is answered once per member; an NPS one once per member per day sent
      const occasion = s.kind === 'custom' ? 'once' : `round:${localDate(now, tz)}`;
      const who = input.segment_id ? await deps.segments.memberIds(programId, input.segment_id) : input.member_ids ?? [];
      if (isFailure(who)) return who;
      const members = [...new Set(who)];
      const contacts = await contactsOf(programId, members);
      const items: InviteOutcome[] = [];
      for (const memberId of members) items.push(await invite(s, memberId, occasion, { storeId: input.store_id ?? null, campaignId: input.campaign_id ?? null }, now, tz, contacts));
      return { items };
    },
    inviteRow: invite,
    /** Members' contacts in slices of 1,000 (one query each): an invitation round's. */
    contactsOf,
    timeZone,
    /** The language the invited member reads us in: the public page opens in it. */
    memberLanguage: (programId: string, memberId: string) => deps.members.language(programId, memberId),

    open: byToken,
    /**
     * A member's answer through their link: checked against the questions, then the link is
     * used up by one guarded UPDATE (of two answers at once, one finds it still open) and the
     * answer written with the tier the member holds now, in one transaction. `link` is the token,
     * or the link `open` answered for it a moment ago (the public page opened it to read the
     * form's questions: the guarded UPDATE still refuses a link used or expired since).
     */
    async answer(link: string | OpenedLink, given: unknown, now = new Date()): Promise<Result<{ survey_id: string; score: number | null }>> {
      const opened = typeof link === 'string' ? await byToken(link, now) : link;
      if (isFailure(opened)) return opened;
      const { invitation: inv, survey } = opened;
      const checked = checkAnswers(survey.questions, given);
      if (isFailure(checked)) return checked;
      const tier = await deps.members.tierInfo(inv.program_id, inv.member_id);
      return inTransaction(ctx.db, async (trx) => {
        const used = await trx.updateTable('survey_invitations').set({ status: 'answered', answered_at: now })
          .where('program_id', '=', inv.program_id).where('id', '=', inv.id).where('status', '=', 'sent').where('expires_at', '>', now)
          .returning('id').executeTakeFirst();
        if (!used) return linkUsed();
        await trx.insertInto('survey_answers').values({
          program_id: inv.program_id, id: newId('ans', now.getTime()), survey_id: inv.survey_id, invitation_id: inv.id, member_id: inv.member_id, occasion: inv.occasion,
          score: checked.score, comment: checked.comment, answers: JSON.stringify(checked.answers),
          store_id: inv.store_id, agent_staff_id: inv.agent_staff_id, case_id: inv.case_id, tier_id: tier?.tier_id ?? null, answered_at: now,
        }).execute();
        return { survey_id: inv.survey_id, score: checked.score };
      });
    },

    async results(programId: string, surveyId: string, q: { from?: string | undefined; to?: string | undefined }) {
      const s = await row(programId, surveyId);
      if (!s) return notFound('survey', 'survey_id');
      return surveyResults(ctx, deps, s, await timeZone(programId), q);
    },
    /**
     * CSAT answers about these cases, in bulk (quality review's low-CSAT sampling and per-agent
     * CSAT): the case, its score (1–5) and the agent it was attributed to.
     */
    async csatOfCases(programId: string, caseIds: readonly string[]) {
      const out = [];
      for (let i = 0; i < caseIds.length; i += 1000) {
        out.push(...await ctx.db.selectFrom('survey_answers as a').innerJoin('surveys as s', (j) => j.onRef('s.program_id', '=', 'a.program_id').onRef('s.id', '=', 'a.survey_id'))
          .select(['a.case_id', 'a.score', 'a.agent_staff_id']).where('a.program_id', '=', programId).where('s.kind', '=', 'csat')
          .where('a.case_id', 'in', caseIds.slice(i, i + 1000)).where('a.score', 'is not', null).execute());
      }
      return out.map((r) => ({ case_id: r.case_id!, score: r.score!, agent_staff_id: r.agent_staff_id }));
    },
    /** Low answers (CSAT 1–2, NPS 0–6), newest first: each can open a follow-up case (the cases part wires the button). */
    async lowScores(programId: string, q: { survey_id?: string | undefined; limit: number }) {
      let query = ctx.db.selectFrom('survey_answers as a').innerJoin('surveys as s', (j) => j.onRef('s.program_id', '=', 'a.program_id').onRef('s.id', '=', 'a.survey_id'))
        .select(['a.id as answer_id', 'a.survey_id', 's.kind', 'a.member_id', 'a.score', 'a.comment', 'a.case_id', 'a.store_id', 'a.agent_staff_id', 'a.answered_at'])
        .where('a.program_id', '=', programId)
        .where((eb) => eb.or([eb.and([eb('s.kind', '=', 'csat'), eb('a.score', '<=', LOW.csat)]), eb.and([eb('s.kind', '=', 'nps'), eb('a.score', '<=', LOW.nps)])]));
      if (q.survey_id) query = query.where('a.survey_id', '=', q.survey_id);
      const rows = await query.orderBy('a.answered_at', 'desc').limit(q.limit).execute();
      return { items: rows.map((r) => ({ ...r, score: r.score!, answered_at: r.answered_at.toISOString() })) };
    },
    /** The member page's card: each invitation, its state (an open link past its expiry reads expired) and the answer. */
    async memberSurveys(programId: string, memberId: string, now = new Date()) {
      const rows = await ctx.db.selectFrom('survey_invitations as i')
        .innerJoin('surveys as s', (j) => j.onRef('s.program_id', '=', 'i.program_id').onRef('s.id', '=', 'i.survey_id'))
        .leftJoin('survey_answers as a', (j) => j.onRef('a.program_id', '=', 'i.program_id').onRef('a.invitation_id', '=', 'i.id'))
        .select(['i.id', 'i.survey_id', 's.title', 's.kind', 'i.status', 'i.reason', 'i.case_number', 'i.created_at', 'i.expires_at', 'a.score', 'a.comment', 'a.answered_at'])
        .where('i.program_id', '=', programId).where('i.member_id', '=', memberId).orderBy('i.created_at', 'desc').limit(100).execute();
      return {
        items: rows.map((r) => ({
          invitation_id: r.id, survey_id: r.survey_id, title: r.title, kind: r.kind,
          status: r.status === 'sent' && r.expires_at && r.expires_at <= now ? 'expired' as const : r.status,
          reason: r.reason, case_number: r.case_number, created_at: r.created_at.toISOString(), expires_at: iso(r.expires_at),
          answer: r.answered_at ? { score: r.score, comment: r.comment, answered_at: r.answered_at.toISOString() } : null,
        })),
      };
    },
    /** The member's copy (PIPL 第四十五条): their invitations (no token: only its hash is kept) and answers. */
    memberData: async (programId: string, memberId: string): Promise<MemberDataSection[]> => (await memberSections(ctx.db, programId, memberId, [
      ['survey_invitations', '满意度调查邀请', 'Survey invitations'],
      ['survey_answers', '满意度调查答卷', 'Survey answers'],
    ])).map((s) => ({ ...s, rows: s.rows.map(({ token_hash: _, ...r }) => r) })),
    /**
     * Erasure (PIPL 第四十七条), in the caller's transaction. The scores stay in the figures, and
     * so do rating and choice answers (the options are the program's words, not the member's)
     * and every attribution (store, agent, case, tier, dates). What the member wrote goes: the
     * comment and every text question's answer. Open links die: the hash becomes the tombstone
     * `erased:<invitation id>` (no token hashes to it) and the invitation is skipped, reason
     * `erased`, so the link answers "unknown" while the invited count and response rate hold.
     */
    async forgetMember(programId: string, memberId: string): Promise<{ answers: number; links_closed: number }> {
      assertTransaction(ctx.db);
      const closed = await ctx.db.updateTable('survey_invitations').set((eb) => ({ token_hash: sql<string>`'erased:' || ${eb.ref('id')}`, status: 'skipped', reason: 'erased' }))
        .where('program_id', '=', programId).where('member_id', '=', memberId).where('status', '=', 'sent').executeTakeFirst();
      const answers = await ctx.db.selectFrom('survey_answers as a')
        .innerJoin('surveys as s', (j) => j.onRef('s.program_id', '=', 'a.program_id').onRef('s.id', '=', 'a.survey_id'))
        .select(['a.id', 'a.answers', 's.questions']).where('a.program_id', '=', programId).where('a.member_id', '=', memberId).execute();
      for (const a of answers) {
        const chosen = new Set(a.questions.filter((q) => q.type !== 'text').map((q) => q.id));
        const kept = Object.fromEntries(Object.entries(a.answers).filter(([id]) => chosen.has(id)));
        await ctx.db.updateTable('survey_answers').set({ comment: null, answers: JSON.stringify(kept) })
          .where('program_id', '=', programId).where('id', '=', a.id).execute();
      }
      return { answers: answers.length, links_closed: Number(closed.numUpdatedRows) };
    },
  };
  const sampling = surveySampling(ctx, deps, api);
  /** The NPS rounds that are due (`patron jobs run surveys`; the scheduler daily). Null when another run holds the lock. */
  return { ...api, runSampling: sampling.run };
}
export type SurveyService = ReturnType<typeof surveyService>;
