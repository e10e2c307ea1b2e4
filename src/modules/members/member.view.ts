import type { Vault } from '../../platform/crypto.ts';
import { MASKS } from '../../platform/mask.ts';
import type { TierService } from '../tiers/index.ts';
import type { MemberRow } from './member.repository.ts';
import type { PersonalField, TMember } from './member.schema.ts';

type Tiers = Awaited<ReturnType<TierService['tierNames']>>;

/** A member row as the API shows it: personal fields opened, and masked unless `reveal` (issue 10). */
export function memberViews(vault: Vault) {
  const open = (v: string | null) => (v === null ? null : vault.decrypt(v));
  /** The member's personal fields in clear (an e-mail not sealed yet is read as it is). */
  const personal = (row: MemberRow): Record<PersonalField, string | null> => ({
    phone: vault.decrypt(row.phone_enc), email: row.email_enc ? open(row.email_enc) : row.email, id_number: open(row.id_number_enc), address: open(row.address_enc),
  });

  function view(row: MemberRow, tiers: Tiers, reveal: boolean): TMember {
    const clear = personal(row);
    const show = (f: PersonalField) => (clear[f] === null || reveal ? clear[f] : MASKS[f](clear[f]));
    const tier = row.tier_id ? tiers.get(row.tier_id) : undefined;
    return {
      id: row.id,
      member_no: row.member_no,
      phone: show('phone')!,
      email: show('email'),
      name: row.name,
      gender: row.gender,
      birthday: row.birthday,
      id_number: show('id_number'),
      address: show('address'),
      status: row.status,
      status_reason: row.status_reason,
      erased: row.erased_at !== null,
      tier: row.tier_id && tier ? { id: row.tier_id, code: tier.code, name: tier.name ?? tier.code } : null,
      language: row.language,
      marketing_consent: row.marketing_consent_at !== null,
      marketing_consent_at: row.marketing_consent_at?.toISOString() ?? null,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    };
  }
  return { personal, view };
}
