import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

// Sign-in answers one message for an unknown username and a wrong password, so the form
// tells no one which usernames exist. A locked account answers 423 Locked (the account's
// state, with Retry-After); too many attempts from one address or at one username answer 429.
export const STAFF_ERRORS = {
  sign_in_failed: { status: 401, title: { zh: '用户名或密码不正确', en: 'Wrong username or password' } },
  totp_required: { status: 401, title: { zh: '请输入动态验证码', en: 'Enter the code from your authenticator app' } },
  account_locked: { status: 423, title: { zh: '账号已锁定', en: 'The account is locked' } },
  too_many_attempts: { status: 429, title: { zh: '尝试次数过多', en: 'Too many attempts' } },
  csrf: { status: 403, title: { zh: '缺少或无效的 CSRF 令牌', en: 'Missing or invalid CSRF token' } },
  password_change_required: { status: 403, title: { zh: '请先修改密码', en: 'Change your password first' } },
} as const satisfies ErrorTable;

export const staffFailure = failures(STAFF_ERRORS);

export const STAFF_MESSAGES = messages('staff', {
  sign_in_failed: { en: 'The username or the password is wrong', zh: '用户名或密码不正确' },
  totp_required: { en: 'This account asks for a 6-digit code from an authenticator app', zh: '该账号已启用两步验证，请输入验证器中的 6 位动态码' },
  totp_wrong: { en: 'The code is wrong or has expired', zh: '动态验证码不正确或已过期' },
  locked: {
    en: (p: { minutes: number }) => `Too many wrong passwords: the account is locked for ${p.minutes} more minute(s), or until an administrator unlocks it`,
    zh: (p: { minutes: number }) => `密码错误次数过多，账号已锁定，${p.minutes} 分钟后可再试，或请管理员解锁`,
  },
  too_many: {
    en: (p: { seconds: number }) => `Too many sign-in attempts: try again in ${p.seconds} s`,
    zh: (p: { seconds: number }) => `登录尝试过于频繁，请 ${p.seconds} 秒后再试`,
  },
  csrf: { en: 'Send the X-CSRF-Token header you were given at sign-in', zh: '请发送登录时获得的 X-CSRF-Token 请求头' },
  must_change: { en: 'Your password was reset: choose a new one before anything else', zh: '您的密码已被重置，请先设置新密码' },
  current_wrong: { en: 'The current password is wrong', zh: '当前密码不正确' },
  same_password: { en: 'The new password must differ from the current one', zh: '新密码不能与当前密码相同' },
  weak_password: {
    en: 'At least 10 characters, with letters and digits',
    zh: '至少 10 个字符，且同时包含字母和数字',
  },
  username_taken: { en: (p: { username: string }) => `The username ${p.username} is taken`, zh: (p: { username: string }) => `用户名 ${p.username} 已被使用` },
  username_shape: { en: 'A username is 3–40 letters, digits, dots, dashes or underscores', zh: '用户名为 3–40 个字母、数字、点、横线或下划线' },
  email: { en: 'An e-mail address like name@example.com', zh: '请填写有效的电子邮箱，如 name@example.com' },
  store_required: { en: 'Store staff belong to one store: give store_id', zh: '门店收银员须属于一个门店：请提供 store_id' },
  disabled_self: { en: 'You cannot disable or demote your own account', zh: '不能停用自己的账号或修改自己的角色' },
  totp_not_enrolled: { en: 'Start the enrolment first (POST /v1/auth/totp)', zh: '请先开始绑定（POST /v1/auth/totp）' },
  totp_already: { en: 'Two-step verification is already on', zh: '两步验证已启用' },
  totp_off: { en: 'Two-step verification is not on', zh: '两步验证未启用' },
  staff_only: { en: 'Only a signed-in staff member has a password or a second factor; API keys have neither', zh: '只有登录的员工才有密码和两步验证，API 密钥没有' },
});
