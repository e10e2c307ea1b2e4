import type { privacyZh } from './privacy.zh.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const privacyEn: Widen<typeof privacyZh> = {
  nav: 'Privacy',
  title: 'Privacy and policies',
  intro: 'The membership agreement and privacy policy are published in versions; after a new version, members confirm it again at their next visit (policy update).',
  kinds: { membership_agreement: 'Membership agreement', privacy_policy: 'Privacy policy' },
  statuses: { draft: 'Draft', published: 'In force', superseded: 'Superseded' },
  version: 'Version', versionN: 'Version {{n}}', status: 'Status', publishedAt: 'Published', publishedBy: 'By', accepted: 'Members accepted',
  inForce: 'In force: version {{n}} · members accepted: {{count}}', noneInForce: 'Not published yet', summary: 'Summary of changes',
  newDraft: 'New draft', editDraft: 'Edit draft', publish: 'Publish', view: 'View',
  publishConfirm: 'Publish version {{n}} of the {{kind}}?', publishHint: 'It is in force at once and the previous version is superseded; every member confirms it again at their next visit. A published version cannot be changed.',
  published: 'Version {{n}} published', saved: 'Draft saved',
  title_: 'Title', fields: { titleZh: 'Title (Chinese)', titleEn: 'Title (English)', bodyZh: 'Text (Chinese)', bodyEn: 'Text (English)', summary: 'Summary of changes (what members are told)' },
  empty: 'No versions yet',
  member: {
    title: 'Privacy', consents: 'Consents', purposes: { service: 'Member service', marketing: 'Marketing', sharing: 'Sharing with partners', sensitive: 'Sensitive personal information' },
    purposeHelp: {
      service: 'Needed to provide the membership', marketing: 'Marketing messages and birthday care', sharing: 'Points and purchases shared with coalition partners',
      sensitive: 'Resident ID, precise location and financial accounts need separate consent (PIPL art. 29)',
    },
    sensitiveKinds: { resident_id: 'Resident ID', precise_location: 'Precise location', financial_account: 'Financial account' },
    granted: 'Given', withdrawn: 'Not given', since: 'since {{at}}', policyVersion: 'privacy policy v{{n}}',
    grantConfirm: 'Record that the member consents to "{{purpose}}"?', withdrawConfirm: 'Record that the member withdraws consent to "{{purpose}}"?',
    confirmHint: 'Make sure the member said so clearly. This is written to the consent history, which is never deleted.', withdrawMarketingHint: 'The member leaves the segments that target marketing at once and gets no more marketing.',
    withdrawSensitiveHint: 'Withdrawing consent to the resident ID deletes the stored number.',
    note: 'Note (the member\'s words, or the written record)', scope: 'Scope', recorded: 'Recorded',
    pending: 'Ask the member to confirm the updated policies', pendingItem: '{{kind}} version {{n}}', accept: 'Member accepted', acceptedDone: 'Acceptance recorded', noPending: 'The member has accepted the policies in force',
    acceptances: 'Policy acceptances', history: 'Consent history', acceptedAt: 'Accepted', channel: 'Channel', actor: 'By', at: 'When', change: 'Change',
    channels: { pos: 'Till', console: 'Console', portal: 'Member portal', import: 'Import' },
    grant: 'Give', withdraw: 'Withdraw', noHistory: 'Nothing recorded yet',
  },
};
