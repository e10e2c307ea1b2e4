import { sql } from 'kysely';
import type { Ctx, Principal } from '../../platform/context.ts';
import { notFound, type Result } from '../../platform/errors.ts';
import { ERASED_TEXT, type MemberDataSection } from '../../platform/member-data.ts';
import { emit, erasePayloadTexts } from '../../platform/outbox.ts';
import { assertTransaction } from '../../platform/transaction.ts';
import * as repo from './member.repository.ts';

// What the data-rights workflows and the retention job need of the members module (PIPL
// 第四十五、四十七条). One file, spread into the service, so the module's own code stays as it was.

/** The personal fields an erasure removes; the row, its id and number stay for the ledger. */
export const ERASED_FIELDS = ['phone', 'name', 'email', 'address', 'gender', 'birthday', 'id_number', 'external_id', 'marketing_consent'] as const;

/** The events a status change writes (member.service.ts changeStatus: `member.<to>`), with its reason. */
const STATUS_TOPICS = ['member.active', 'member.suspended', 'member.terminated'];

export function memberRights(ctx: Ctx) {
  const terminated = (programId: string, before: Date) => ctx.db.selectFrom('members')
    .where('program_id', '=', programId).where('status', '=', 'terminated').where('erased_at', 'is', null)
    // terminated when the last move to terminated was recorded (an imported member has none: its last update)
    .where(sql<boolean>`coalesce((SELECT max(c.created_at) FROM member_status_changes c WHERE c.program_id = members.program_id
      AND c.member_id = members.id AND c.to_status = 'terminated'), members.updated_at) < ${before}`);
  return {
    /** The member's row with phone and resident ID in clear (it is their own copy), and their status history. */
    async memberData(programId: string, memberId: string): Promise<MemberDataSection[]> {
      const row = await repo.findById(ctx.db, programId, memberId);
      if (!row) return [];
      const { phone_enc, phone_index: _index, id_number_enc, email_enc, email_index: _email, address_enc, ...rest } = row;
      const open = (sealed: string | null) => (sealed ? ctx.vault.decrypt(sealed) : null);
      const member = {
        ...rest,
        phone: row.erased_at ? null : ctx.vault.decrypt(phone_enc),
        email: open(email_enc) ?? rest.email,
        address: open(address_enc),
        id_number: open(id_number_enc),
      };
      const changes = await ctx.db.selectFrom('member_status_changes').selectAll()
        .where('program_id', '=', programId).where('member_id', '=', memberId).orderBy('id').execute();
      return [
        { table: 'members', title: { zh: '会员资料', en: 'Member profile' }, rows: [member] },
        { table: 'member_status_changes', title: { zh: '会员状态变更', en: 'Status changes' }, rows: changes },
      ];
    },
    /**
     * Erases the member's personal data in the caller's transaction: name, phone, e-mail,
     * resident ID, e-mail, address, birthday, gender, external id and marketing consent are removed; the
     * phone's blind index becomes a tombstone ('erased:<id>') that no phone can collide
     * with, so the unique index stays and the phone may enrol again as a new member. The
     * member is terminated with reason 'erased'. Erasing twice changes nothing.
     */
    async erase(programId: string, id: string, actor: Principal, now = new Date()): Promise<Result<{ erased: boolean; from: string }>> {
      assertTransaction(ctx.db);
      const trx = ctx.db;
      const row = await trx.selectFrom('members').select(['id', 'status', 'erased_at'])
        .where('program_id', '=', programId).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) return notFound('member', 'member_id');
      if (row.erased_at) return { erased: false, from: row.status };
      await repo.updateMember(trx, programId, id, {
        phone_enc: ctx.vault.encrypt(''), phone_index: `erased:${id}`,
        name: null, email: null, email_enc: null, email_index: null, address_enc: null, gender: null, birthday: null, id_number_enc: null, external_id: null, marketing_consent_at: null,
        status: 'terminated', status_reason: 'erased', erased_at: now,
      });
      if (row.status !== 'terminated') {
        await repo.insertStatusChange(trx, { program_id: programId, member_id: id, from_status: row.status, to_status: 'terminated', reason: 'erased', actor: actor.keyId });
      }
      await emit(trx, { programId, topic: 'member.erased', aggregateId: id, payload: { member_id: id, actor: actor.keyId } });
      return { erased: true, from: row.status };
    },
    /**
     * After `erase`, in its transaction: the reasons staff gave for the member's status
     * changes (free text that may name them: "张三来电要求冻结，电话138…") become ERASED_TEXT,
     * in the history and in the status events that copied them. Each change keeps its from,
     * to, actor and time; the erasure's own reason `erased` is a code and stays. How many reasons.
     */
    async forgetMember(programId: string, id: string): Promise<number> {
      assertTransaction(ctx.db);
      const done = await ctx.db.updateTable('member_status_changes').set({ reason: ERASED_TEXT })
        .where('program_id', '=', programId).where('member_id', '=', id).where('reason', 'not in', ['erased', ERASED_TEXT])
        .returning('id').execute();
      await erasePayloadTexts(ctx.db, programId, STATUS_TOPICS, { aggregateId: id }, ['reason'], ['erased']);
      return done.length;
    },
    /** Members terminated before `before` whose data is not erased yet: what retention anonymises. */
    async terminatedBefore(programId: string, before: Date, limit = 1000): Promise<string[]> {
      const rows = await terminated(programId, before).select('id').orderBy('id').limit(limit).execute();
      return rows.map((r) => r.id);
    },
    /** How many those are (a dry retention run counts them, it does not list them). */
    async countTerminatedBefore(programId: string, before: Date): Promise<number> {
      return (await terminated(programId, before).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    },
  };
}
