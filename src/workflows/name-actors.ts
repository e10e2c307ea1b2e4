import { SYSTEM_ACTOR_IDS } from '../platform/context.ts';
import type { Modules } from '../services.ts';

export type ActorKind = 'staff' | 'api_key' | 'system' | 'unknown';
/** Who did something, as an operator reads it. name is null for the system (the console says 系统 / System) and for an unknown id. */
export interface NamedActor { id: string; name: string | null; kind: ActorKind }

/**
 * Names the actor ids that rows record (`actor`, `*_by`): a staff account's display name, an API
 * key's name, the system's markers. One query per module whatever the number of ids. Only this
 * program's staff and keys (and the bootstrap key, which acts in every program) are named: another
 * program's id, or a deleted one, is `unknown`, and the console shows the short id.
 * Names only: nothing else about a colleague reaches a caller with program.read.
 */
export async function nameActors(s: Modules, programId: string, ids: readonly string[]): Promise<NamedActor[]> {
  const unique = [...new Set(ids)];
  const [staff, keys] = await Promise.all([
    s.staff.names(programId, unique.filter((id) => id.startsWith('stf_'))),
    s.apiKeys.names(programId, unique.filter((id) => id.startsWith('key_'))),
  ]);
  return unique.map((id): NamedActor => {
    if (SYSTEM_ACTOR_IDS.includes(id)) return { id, name: null, kind: 'system' };
    const person = staff.get(id);
    if (person !== undefined) return { id, name: person, kind: 'staff' };
    const key = keys.get(id);
    if (key !== undefined) return { id, name: key, kind: 'api_key' };
    return { id, name: null, kind: 'unknown' };
  });
}
