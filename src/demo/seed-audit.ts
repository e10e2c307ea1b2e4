import type { Principal } from '../platform/context.ts';
import { unwrap } from '../platform/errors.ts';
import type { Services } from '../services.ts';

// The demo's audit trail: two changes an administrator makes in the console's first week
// (a store's address corrected, a member's e-mail updated), made through the services and
// recorded as the API's audit hook records them, with what was before and after; and two
// reveals of that member's personal data with their purposes (issue 10), as the reveal
// workflow records them. The rest of the log fills as a person clicks through the demo.

export async function seedAuditTrail(s: Services, programId: string, actor: Principal, storeId: string, memberId: string) {
  const who = { id: actor.keyId, name: actor.name, role: actor.role };
  const from = { ip: '127.0.0.1', userAgent: 'Mozilla/5.0 (Patron console)' };

  const store = unwrap(await s.stores.get(programId, storeId));
  const address = '上海市徐汇区漕溪北路 88 号 1 楼';
  const moved = unwrap(await s.stores.update(programId, storeId, { address }));
  await s.audit.append({
    chain: programId, actor: who, ...from, action: 'PATCH /v1/programs/:program_id/stores/:store_id', summary: 'Update a store',
    entity: 'stores', entityId: storeId, status: 200, request: { address }, before: store, after: moved,
  });

  const member = unwrap(await s.members.get(programId, memberId, actor));
  const email = 'member.care@example.com';
  const updated = unwrap(await s.flows.updateMember(programId, memberId, { email }, actor));
  await s.audit.append({
    chain: programId, actor: who, ...from, action: 'PATCH /v1/programs/:program_id/members/:member_id', summary: 'Update a member\'s profile',
    entity: 'members', entityId: memberId, status: 200, request: { email }, before: member, after: updated,
  });

  // a service call-back, then a delivery of a reward: who saw what and why, never the values
  unwrap(await s.flows.revealMember(programId, memberId, { fields: ['phone'], purpose: 'service_callback' }, actor, from));
  unwrap(await s.flows.revealMember(programId, memberId, { fields: ['phone', 'address'], purpose: 'delivery', note: '积分礼品快递上门' }, actor, from));
}
