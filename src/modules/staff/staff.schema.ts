import { z } from 'zod';
import { PERMISSIONS, STAFF_ROLES } from '../../platform/permissions.ts';
import { zId, zText } from '../../platform/schema.ts';
import { STAFF_MESSAGES } from './staff.errors.ts';

const zUsername = z.string().trim().regex(/^[A-Za-z0-9._-]{3,40}$/, { message: STAFF_MESSAGES.username_shape.key });
// the rule a person can keep in mind; the lock-out and rate limits do the rest
export const zNewPassword = z.string().min(10, { message: STAFF_MESSAGES.weak_password.key }).max(200)
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { message: STAFF_MESSAGES.weak_password.key });
const zEmail = z.email({ message: STAFF_MESSAGES.email.key }).max(200);
const zTotpCode = z.string().regex(/^\d{6}$/).describe('The 6-digit code from the authenticator app');

export const ZStaff = z.object({
  id: z.string(), username: z.string(), display_name: z.string(), role: z.enum(STAFF_ROLES),
  email: z.string().nullable().describe('Where service-desk alerts (SLA warnings, breaches, escalations) are e-mailed'),
  store_id: z.string().nullable().describe('The store a member of store staff works in'),
  totp_enabled: z.boolean(), must_change_password: z.boolean().describe('Set by a reset: the next sign-in must choose a new password'),
  locked_until: z.string().nullable().describe('Locked after 5 wrong passwords in a row, for 15 minutes or until unlocked'),
  failed_attempts: z.number().int(), disabled_at: z.string().nullable(), last_sign_in_at: z.string().nullable(),
  created_at: z.string(),
}).meta({ id: 'Staff' });
export type TStaff = z.infer<typeof ZStaff>;

export const ZStaffCreate = z.strictObject({
  username: zUsername, display_name: zText(100), role: z.enum(STAFF_ROLES),
  email: zEmail.nullable().optional().describe('Optional: service-desk alerts are e-mailed here'),
  store_id: zId('sto').nullable().optional().describe('Required for store_staff'),
  password: zNewPassword.optional().describe('Left out: a temporary password is made, shown once, to be changed at the first sign-in'),
}).meta({ id: 'StaffCreate' });
export type TStaffCreate = z.infer<typeof ZStaffCreate>;

export const ZStaffUpdate = z.strictObject({
  display_name: zText(100).optional(), role: z.enum(STAFF_ROLES).optional(), store_id: zId('sto').nullable().optional(),
  email: zEmail.nullable().optional().describe('null removes it'),
  disabled: z.boolean().optional().describe('true disables the account and ends its sessions; false enables it again'),
}).meta({ id: 'StaffUpdate' });
export type TStaffUpdate = z.infer<typeof ZStaffUpdate>;

export const ZStaffCreated = ZStaff.extend({
  temporary_password: z.string().nullable().describe('Shown once, only here, when no password was given'),
}).meta({ id: 'StaffCreated' });
export const ZPasswordReset = z.object({
  temporary_password: z.string().describe('Shown once: hand it over in person; it must be changed at the next sign-in'),
}).meta({ id: 'PasswordReset' });

export const ZSignIn = z.strictObject({
  username: z.string().trim().min(1).max(100), password: z.string().min(1).max(200),
  totp: zTotpCode.optional(),
  program: zId('prg').optional().describe('The program, when the username exists in more than one'),
}).meta({ id: 'SignIn' });
export type TSignIn = z.infer<typeof ZSignIn>;

export const ZPasswordChange = z.strictObject({ current_password: z.string().min(1).max(200), new_password: zNewPassword }).meta({ id: 'PasswordChange' });
export const ZTotpConfirm = z.strictObject({ totp: zTotpCode }).meta({ id: 'TotpConfirm' });
export const ZTotpDisable = z.strictObject({ password: z.string().min(1).max(200) }).meta({ id: 'TotpDisable' });
export const ZTotpEnrolment = z.object({
  secret: z.string().describe('Base32, for typing in by hand'),
  otpauth_uri: z.string().describe('otpauth://totp/… for a QR code'),
}).meta({ id: 'TotpEnrolment' });

const zName = z.object({ zh: z.string(), en: z.string() });
export const ZRoleMatrix = z.object({
  permissions: z.array(z.object({ key: z.enum(Object.keys(PERMISSIONS) as [keyof typeof PERMISSIONS]), name: zName })),
  roles: z.array(z.object({ key: z.enum(STAFF_ROLES), name: zName, permissions: z.array(z.string()) })),
}).meta({ id: 'RoleMatrix' });
