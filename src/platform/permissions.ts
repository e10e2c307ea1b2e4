// Who may do what (seed 000 ch. 8 管理职责; 002 §6–7 会员隐私保护). Every /v1 route names one
// permission; a role is a set of permissions. The matrix is documented in docs/permissions.md
// and walked by test/security/role-matrix.test.ts.

/** Roles a staff account can hold. */
export const STAFF_ROLES = ['admin', 'marketing', 'account_manager', 'service_agent', 'quality', 'auditor', 'store_staff'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Every role a principal can have: staff roles, the POS machine key, and the bootstrap key (all programs). */
export type Role = StaffRole | 'pos' | 'bootstrap';

export const PERMISSIONS = {
  'program.read': { zh: '查看会员计划、门店', en: 'See the program and its stores' },
  'program.manage': { zh: '修改计划设置、门店、API 密钥', en: 'Change program settings, stores and API keys' },
  'staff.manage': { zh: '管理员工账号与角色', en: 'Manage staff accounts and roles' },
  'members.read': { zh: '查看会员（个人信息脱敏）', en: 'See members (personal data masked)' },
  'members.write': { zh: '登记、修改会员资料', en: 'Enrol members and correct their profile' },
  'members.status': { zh: '冻结、注销会员', en: 'Suspend and terminate members' },
  /** Sees phone, e-mail, resident ID and address whole in every response (machines that sync members). */
  'pii.read': { zh: '直接查看完整个人信息', en: 'See personal data unmasked' },
  /** May reveal one member's field with a stated purpose; every reveal is audited. */
  'pii.reveal': { zh: '说明用途后查看完整个人信息（记入审计）', en: 'Reveal personal data with a purpose (audited)' },
  'points.read': { zh: '查看积分与流水', en: 'See points and statements' },
  'points.adjust': { zh: '人工调整积分', en: 'Adjust points by hand' },
  'purchases.read': { zh: '查看消费与退货', en: 'See purchases and returns' },
  'purchases.write': { zh: '录入消费与退货', en: 'Record purchases and returns' },
  'loyalty.read': { zh: '查看等级、积分规则', en: 'See tiers and earning rules' },
  'loyalty.manage': { zh: '修改等级、积分规则', en: 'Change tiers and earning rules' },
  'campaigns.read': { zh: '查看营销活动与会员分群', en: 'See campaigns and member segments' },
  'campaigns.manage': { zh: '创建、修改营销活动与会员分群', en: 'Create and change campaigns and member segments' },
  'rewards.read': { zh: '查看礼品与兑换', en: 'See rewards and redemptions' },
  'rewards.manage': { zh: '维护礼品目录', en: 'Maintain the rewards catalogue' },
  'rewards.redeem': { zh: '为会员兑换礼品', en: 'Redeem rewards for a member' },
  'rewards.fulfil': { zh: '兑换发货、取货、取消', en: 'Fulfil and cancel redemptions' },
  'coupons.read': { zh: '查看优惠券', en: 'See coupons' },
  'coupons.manage': { zh: '券类型、批量发券、补偿券、作废', en: 'Coupon types, batches, goodwill coupons, voids' },
  'coupons.redeem': { zh: '收银核销优惠券', en: 'Validate and consume coupons at the till' },
  'vip.read': { zh: '查看付费会员与专属客户经理', en: 'See paid memberships and account managers' },
  'vip.manage': { zh: '开通、续费、终止付费会员', en: 'Sell, renew and end paid memberships' },
  'referrals.read': { zh: '查看推荐', en: 'See referrals' },
  'referrals.manage': { zh: '审核推荐', en: 'Review referrals' },
  'audit.read': { zh: '查看、导出审计日志', en: 'See and export the audit log' },
  'privacy.read': { zh: '查看政策、同意记录', en: 'See policies and consents' },
  'privacy.manage': { zh: '发布政策、设置保留期限', en: 'Publish policies and set retention' },
  'consents.write': { zh: '记录会员同意与撤回', en: 'Record members\' consent and withdrawal' },
  'rights.manage': { zh: '处理个人信息权利请求（查阅、更正、删除）', en: 'Handle data-rights requests (copy, correct, delete)' },
  /** The program's key figures (the console's home page): members, points outstanding, sales by day. */
  'reports.read': { zh: '查看经营概览与报表', en: 'See the program\'s key figures and reports' },
  'jobs.read': { zh: '查看后台任务', en: 'See background jobs' },
  // the service desk (seed 002 §3–5, 003 §6–7)
  'cases.read': { zh: '查看服务请求与投诉', en: 'See service requests and complaints' },
  'cases.work': { zh: '受理、处理、回复服务请求与投诉', en: 'Take, work and answer service requests and complaints' },
  /** Points or a coupon given from a case, with a reason, linked to it. */
  'cases.goodwill': { zh: '在工单中给予补偿（积分或优惠券）', en: 'Give goodwill (points or a coupon) from a case' },
  'cases.manage': { zh: '设置服务时限（SLA）、分派规则与专属客户经理', en: 'Set SLA policies, routing and account managers' },
  // the voice of the member (seed 000 ch. 5 and 7, 002 §4)
  'suggestions.read': { zh: '查看会员建议', en: 'See suggestions' },
  'suggestions.write': { zh: '登记建议、为会员附议', en: 'Record suggestions and members\' support' },
  'suggestions.manage': { zh: '审核、合并、采纳或拒绝建议', en: 'Review, merge, adopt or decline suggestions' },
  'surveys.read': { zh: '查看满意度调查与结果', en: 'See surveys and their results' },
  'surveys.manage': { zh: '设计、发送满意度调查', en: 'Build and send surveys' },
  'quality.read': { zh: '查看质检评分', en: 'See quality reviews' },
  'quality.review': { zh: '抽检、评分、校准', en: 'Sample, score and calibrate quality reviews' },
} as const;
export type Permission = keyof typeof PERMISSIONS;

const ALL = Object.keys(PERMISSIONS) as Permission[];
const READS = ALL.filter((p) => p.endsWith('.read') && p !== 'pii.read');

/** The permission matrix. Store staff and the POS key are further held to their own store by the routes that take one. */
export const MATRIX: Record<Role, readonly Permission[]> = {
  bootstrap: ALL,
  // the administrator sees data masked like everyone and reveals with a purpose
  admin: ALL.filter((p) => p !== 'pii.read'),
  marketing: [
    'program.read', 'members.read', 'points.read', 'purchases.read', 'loyalty.read', 'loyalty.manage', 'campaigns.read', 'campaigns.manage',
    'rewards.read', 'rewards.manage', 'coupons.read', 'coupons.manage', 'referrals.read', 'referrals.manage', 'vip.read', 'privacy.read', 'jobs.read', 'reports.read',
    'suggestions.read', 'suggestions.manage', 'surveys.read', 'surveys.manage', 'cases.read',
  ],
  account_manager: [
    'program.read', 'members.read', 'members.write', 'pii.reveal', 'points.read', 'purchases.read', 'loyalty.read', 'campaigns.read',
    'rewards.read', 'rewards.redeem', 'coupons.read', 'vip.read', 'vip.manage', 'referrals.read', 'privacy.read', 'consents.write', 'reports.read',
    'cases.read', 'cases.work', 'cases.goodwill', 'suggestions.read', 'suggestions.write', 'surveys.read',
  ],
  service_agent: [
    'program.read', 'members.read', 'members.write', 'points.read', 'purchases.read', 'loyalty.read', 'rewards.read', 'rewards.redeem',
    'rewards.fulfil', 'coupons.read', 'vip.read', 'referrals.read', 'privacy.read', 'consents.write', 'rights.manage',
    'cases.read', 'cases.work', 'cases.goodwill', 'suggestions.read', 'suggestions.write', 'surveys.read',
  ],
  quality: [
    'program.read', 'members.read', 'points.read', 'purchases.read', 'loyalty.read', 'campaigns.read', 'rewards.read', 'coupons.read', 'vip.read', 'audit.read', 'reports.read',
    'cases.read', 'suggestions.read', 'surveys.read', 'surveys.manage', 'quality.read', 'quality.review',
  ],
  auditor: READS,
  store_staff: [
    'program.read', 'members.read', 'members.write', 'points.read', 'purchases.read', 'purchases.write', 'rewards.read', 'rewards.redeem',
    'rewards.fulfil', 'coupons.read', 'coupons.redeem', 'consents.write',
    // intake at the counter (a case opened in store is routed to the store's agents) and members' suggestions
    'cases.read', 'cases.work', 'suggestions.read', 'suggestions.write',
  ],
  // what the till did before roles existed: it reads tiers (a member's progress), the catalogue and referral codes, and hands rewards over
  pos: [
    'program.read', 'members.read', 'members.write', 'points.read', 'purchases.read', 'purchases.write', 'loyalty.read', 'rewards.read', 'rewards.redeem',
    'rewards.fulfil', 'coupons.read', 'coupons.redeem', 'referrals.read', 'consents.write',
  ],
};

const SETS = new Map<Role, ReadonlySet<Permission>>(Object.entries(MATRIX).map(([r, ps]) => [r as Role, new Set(ps)]));

export function roleCan(role: Role, permission: Permission): boolean {
  return SETS.get(role)?.has(permission) ?? false;
}

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  marketing: { zh: '市场营销', en: 'Marketing' },
  account_manager: { zh: '专属客户经理', en: 'Account manager' },
  service_agent: { zh: '客服专员', en: 'Service agent' },
  quality: { zh: '质量监控', en: 'Quality' },
  auditor: { zh: '审计（只读）', en: 'Auditor (read-only)' },
  store_staff: { zh: '门店收银', en: 'Store staff' },
  pos: { zh: 'POS 收银终端', en: 'POS terminal' },
  bootstrap: { zh: '初始管理员密钥', en: 'Bootstrap key' },
};
