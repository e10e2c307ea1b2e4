// Members: enrolment, profile (phone and resident ID encrypted, found by blind index),
// lifecycle. Emits member.enrolled, member.updated, member.suspended|active|terminated.
export { memberService, type MemberService } from './member.service.ts';
export { memberRoutes } from './member.routes.ts';
export { zMobile, ZMemberCreate } from './member.schema.ts';
export type { TMember, TMemberCreate } from './member.schema.ts';
export type { MemberTables } from './member.table.ts';
