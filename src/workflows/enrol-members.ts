import type { Principal } from '../platform/context.ts';
import type { Result } from '../platform/errors.ts';
import { inTransaction } from '../platform/transaction.ts';
import { duplicatePhone, type MemberInput, type TMember, type TMemberCreate } from '../modules/members/index.ts';
import type { Modules } from '../services.ts';

/**
 * Enrols members with their points accounts, in one transaction: the members module
 * writes the members (phones already enrolled come back in `duplicates`), the points
 * module opens a zeroed balance for each new one.
 */
export async function enrolMembers(s: Modules, programId: string, inputs: MemberInput[], actor: Principal) {
  return inTransaction(s.ctx.db, async (trx) => {
    const r = await s.members.insertMany(programId, inputs, actor);
    await s.points.openAccounts(trx, programId, r.created);
    return r;
  });
}

/** Enrols one member at the caller's store (a pos key's), or answers duplicate_phone. */
export async function enrolMember(s: Modules, programId: string, input: TMemberCreate, actor: Principal): Promise<Result<TMember>> {
  const { created } = await enrolMembers(s, programId, [{ ...input, store_id: actor.storeId }], actor);
  if (!created.length) return duplicatePhone();
  return s.members.get(programId, created[0]!, actor);
}
