import { z } from 'zod';
import { can } from './auth.ts';
import type { Principal } from './context.ts';
import { type Permission, PERMISSIONS, STAFF_ROLES } from './permissions.ts';

/** Who the caller is: GET /v1/me, and what a sign-in answers with. */
export const ZMe = z.object({
  key_id: z.string().describe('The API key\'s id, or the staff account\'s'), name: z.string(), role: z.enum([...STAFF_ROLES, 'pos', 'bootstrap']),
  staff_id: z.string().nullable().describe('Set when a person signed in (a staff session)'),
  permissions: z.array(z.string()).describe('What the caller may do (docs/permissions.md): the console shows what these allow'),
  program_id: z.string().nullable().describe('null for the bootstrap key'), store_id: z.string().nullable().describe('A pos key\'s or store staff\'s store'),
  must_change_password: z.boolean().describe('A staff member whose password was reset may do nothing else until they choose a new one'),
}).meta({ id: 'Me' });

export function meOf(p: Principal): z.infer<typeof ZMe> {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((perm) => can(p, perm));
  return {
    key_id: p.keyId, name: p.name, role: p.role, staff_id: p.staffId ?? null, permissions, program_id: p.programId, store_id: p.storeId,
    must_change_password: p.mustChangePassword ?? false,
  };
}
