import { unwrap } from '../platform/errors.ts';
import type { StaffRole } from '../platform/permissions.ts';
import type { Services } from '../services.ts';

/** The demo's staff accounts, one per role, all with DEMO_STAFF_PASSWORD (README "Demo accounts", docs/permissions.md). */
export const DEMO_STAFF_PASSWORD = 'patron-demo-2026';
export const DEMO_STAFF: { username: string; display_name: string; role: StaffRole; atStore?: boolean }[] = [
  { username: 'admin', display_name: '王经理', role: 'admin' },
  { username: 'marketing', display_name: '李市场', role: 'marketing' },
  { username: 'manager', display_name: '张客户经理', role: 'account_manager' },
  { username: 'service', display_name: '赵客服', role: 'service_agent' },
  { username: 'quality', display_name: '孙质检', role: 'quality' },
  { username: 'auditor', display_name: '周审计', role: 'auditor' },
  { username: 'cashier', display_name: '吴收银', role: 'store_staff', atStore: true },
];

/** One account per role; the cashier works at the first store. */
export async function seedStaff(s: Services, programId: string, storeId: string) {
  for (const a of DEMO_STAFF) {
    unwrap(await s.staff.create(programId, { username: a.username, display_name: a.display_name, role: a.role, store_id: a.atStore ? storeId : null, password: DEMO_STAFF_PASSWORD }));
  }
}
