// Members: enrolment, profile (phone and resident ID encrypted, found by blind index),
// lifecycle. Emits member.enrolled, member.updated, member.suspended|active|terminated.
// Enrolment with a points account and termination, which settles what the member holds, are
// workflows (src/workflows/enrol-members.ts, change-member-status.ts, terminate-member.ts).
export { ERASED_FIELDS } from './member.rights.ts';
export { memberService, type MemberInput, type MemberService, type Move } from './member.service.ts';
export { memberRoutes } from './member.routes.ts';
export { activeMemberSql, memberAttributesSql, memberContextSql, setTierSql, type MemberAttributes } from './member.repository.ts';
export { MEMBER_MESSAGES, duplicatePhone } from './member.errors.ts';
export { zMobile, ZMemberCreate, ZMemberUpdate } from './member.schema.ts';
export type { PersonalField, TMember, TMemberCreate, TMemberUpdate, TReveal } from './member.schema.ts';
export { PERSONAL_FIELDS, REVEAL_PURPOSES } from './member.schema.ts';
export type { MemberLanguage, MemberStatus, MemberTables } from './member.table.ts';
export { MEMBER_LANGUAGES } from './member.table.ts';
export { ZTerminate, ZTerminated, ZTerminationSettlement } from './member.termination.schema.ts';
export type { TTerminate, TTerminated, TTerminationSettlement } from './member.termination.schema.ts';
