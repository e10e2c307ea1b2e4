// Templates: {{variable}} placeholders filled from the event's payload and the member.

/** The events that reach members (issue 11) and the variables each template may use, with sample values for a preview. */
export const EVENTS = {
  'points.expiring': { points: 1200, expires_on: '2026-12-31' },
  'member.tier_will_drop': { tier_name: '金卡', to_tier_name: '银卡', drops_on: '2027-01-01', missing: 800, review_on: '2026-12-31' },
  'member.birthday': { birthday: '1990-12-01', date: '2026-12-01', gift: '生日礼券' },
  'membership.expiring': { ends_on: '2026-12-31', days_left: 7 },
  // suggestions (issue 12): told to the author on adoption (with the points paid), to every supporter, and the author of a declined one why
  'suggestion.adopted': { title: '门店增设母婴室', points: 200 },
  'suggestion.adopted_thanks': { title: '门店增设母婴室' },
  'suggestion.adopted_supporter': { title: '门店增设母婴室' },
  'suggestion.declined': { title: '延长营业时间到 24 点', reason: '商场统一闭店时间为 22 点，门店无法单独延长。' },
  // survey invitations (surveys module): a single-use link each
  'survey.csat': { survey_title: '服务满意度调查', case_number: 'C2026-000123', link: 'https://crm.example.com/s/abc', expires_on: '2026-12-14' },
  'survey.nps': { survey_title: '会员推荐意愿调查', link: 'https://crm.example.com/s/abc', expires_on: '2026-12-14' },
  'survey.custom': { survey_title: '门店体验调查', link: 'https://crm.example.com/s/abc', expires_on: '2026-12-14' },
} as const satisfies Record<string, Record<string, string | number>>;
export type EventKey = keyof typeof EVENTS;
export const EVENT_KEYS = Object.keys(EVENTS) as EventKey[];
/** Every template also has the member's own. */
const MEMBER_SAMPLE = { member_name: '李雷', member_no: 'M000123' };

export const variablesOf = (key: EventKey) => [...Object.keys(MEMBER_SAMPLE), ...Object.keys(EVENTS[key])];
export const sampleOf = (key: EventKey): Record<string, unknown> => ({ ...MEMBER_SAMPLE, ...EVENTS[key] });

const PLACEHOLDER = /\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/gi;

/** The placeholders a text uses that the event does not have. */
export function unknownPlaceholders(text: string, known: string[]): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((n) => !known.includes(n));
}

/** Fills the placeholders; a missing value renders empty (never the raw {{…}} to a member). */
export function render(text: string, vars: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const v = vars[name];
    return v === null || v === undefined || typeof v === 'object' ? '' : String(v);
  });
}
