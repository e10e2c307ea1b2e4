import type { Messages } from './zh.ts';

export const en: Messages = {
  app: { title: 'Patron Admin', short: 'Patron' },
  nav: { members: 'Members', segments: 'Segments' },
  header: { program: 'Program', signOut: 'Sign out', role: { bootstrap: 'Super admin', admin: 'Admin', pos: 'Store POS' } },
  common: {
    submit: 'Submit', cancel: 'Cancel', confirm: 'OK', loading: 'Loading…', none: '—', yes: 'Yes', no: 'No',
    success: 'Done', refresh: 'Refresh', copy: 'Copy', points: 'points', yuan: 'CNY', actions: 'Actions',
    noPrograms: 'This key cannot see any program yet', back: 'Back',
  },
  signIn: {
    title: 'Sign in to the console', subtitle: 'Sign in with an API key', apiKey: 'API key', apiKeyPlaceholder: 'Paste an API key',
    apiKeyRequired: 'Enter an API key', submit: 'Sign in', failed: 'Sign-in failed',
    hint: 'The bootstrap admin key is printed on the server console at first start.',
  },
  search: {
    title: 'Member search', placeholder: 'Phone or member number', button: 'Search', enrol: 'Enrol member',
    empty: 'No matching member', prompt: 'Search a member by phone or member number', results: 'Results',
  },
  member: {
    memberNo: 'Member no.', name: 'Name', phone: 'Phone', email: 'Email', gender: 'Gender', birthday: 'Birthday', idNumber: 'Resident ID',
    tier: 'Tier', status: 'Status', statusReason: 'Status reason', createdAt: 'Joined', profile: 'Profile',
    genders: { male: 'Male', female: 'Female', unknown: 'Unknown' },
    statuses: { active: 'Active', suspended: 'Suspended', terminated: 'Terminated' },
    noName: '(no name)', notFound: 'Member not found',
  },
  status: {
    suspend: 'Suspend', reactivate: 'Reactivate', terminate: 'Terminate', reason: 'Reason', reasonRequired: 'Enter a reason',
    titles: { suspend: 'Suspend member', reactivate: 'Reactivate member', terminate: 'Terminate member' },
    terminateWarning: 'A terminated member cannot be restored; remaining points can no longer be used.',
  },
  enrol: {
    title: 'Enrol member', phoneRequired: 'Enter a phone number', phoneInvalid: 'Enter an 11-digit mobile number',
    emailInvalid: 'Not a valid email', done: 'Member enrolled: {{memberNo}}',
  },
  balance: {
    available: 'Available', pending: 'Pending', expiring: 'Expiring in 30 days', lifetimeEarned: 'Lifetime earned',
    spent: 'Spent', expired: 'Expired', asOf: 'As of {{time}}', noneExpiring: 'Nothing expires soon', on: 'on {{date}}',
  },
  lots: {
    title: 'Open point lots', source: 'Source', points: 'Points', remaining: 'Remaining', state: 'State',
    availableAt: 'Available at', expiresOn: 'Expires on', purchase: 'Purchase', earnedAt: 'Earned at',
    states: { pending: 'Pending', available: 'Available', spent: 'Spent', expired: 'Expired', reversed: 'Reversed', none: 'No points' },
    sources: { purchase: 'Purchase', earn: 'Purchase', adjust: 'Adjustment', adjustment: 'Adjustment', import: 'Import', migration: 'Migration', return: 'Return' },
    empty: 'No open lots',
  },
  statement: {
    title: 'Statement', time: 'Time', kind: 'Kind', points: 'Points', reason: 'Reason', note: 'Note',
    reference: 'Reference', store: 'Store', actor: 'By', loadMore: 'Load more', end: 'No more entries', empty: 'No entries yet',
    kinds: { earn: 'Earned on purchase', return: 'Return reversal', redeem: 'Redemption', adjust: 'Adjustment', expire: 'Expiry' },
    purchase: 'Purchase', return: 'Return', redemption: 'Redemption',
  },
  purchase: {
    record: 'Record purchase', title: 'Record a purchase', store: 'Store', storeRequired: 'Choose a store', amount: 'Amount (CNY)',
    amountRequired: 'Enter an amount', amountInvalid: 'A positive amount with at most two decimals', receiptNo: 'Receipt no.',
    done: 'Purchase recorded, {{points}} points earned', detail: 'Purchase', id: 'Purchase id', occurredAt: 'Occurred at',
    earned: 'Points earned', state: 'Points state', availableAt: 'Available at', expiresOn: 'Expires on', returnIt: 'Return',
  },
  returnForm: {
    record: 'Record return', title: 'Record a return', purchaseId: 'Purchase id', purchaseIdRequired: 'Enter the purchase id',
    amount: 'Amount returned (CNY)', amountHelp: 'Leave empty to return everything left', done: 'Return recorded, {{points}} points reversed',
    unrecovered: '; {{points}} points were already spent',
  },
  redeem: {
    record: 'Redeem points', title: 'Redeem points', points: 'Points', pointsRequired: 'Enter points', description: 'Description',
    done: 'Redeemed {{points}} points, balance {{balance}}',
  },
  adjust: {
    record: 'Adjust points', title: 'Adjust points', direction: 'Direction', credit: 'Credit', debit: 'Debit', points: 'Points',
    pointsRequired: 'Enter points', reason: 'Reason', reasonRequired: 'Choose a reason', note: 'Note', noteRequired: 'Enter a note',
    reasons: { goodwill: 'Goodwill', correction: 'Correction', service_recovery: 'Service recovery', migration: 'Migration', other: 'Other' },
    done: 'Points adjusted, balance {{balance}}',
  },
  segments: {
    title: 'Segments', create: 'New segment', edit: 'Edit segment', name: 'Name', nameEn: 'English name', description: 'Description',
    nameRequired: 'Enter a name', size: 'Members', refreshedAt: 'Computed at', statsRefreshedAt: 'Purchase figures as of',
    conditions: 'Conditions', noConditions: 'Every member', status: 'Status', statuses: { active: 'Active', archived: 'Archived' },
    refresh: 'Refresh now', refreshAll: 'Recompute all', refreshed: 'Refreshed: {{size}} members', refreshedAll: 'Recomputed {{count}} segments',
    archive: 'Archive', archiveConfirm: 'An archived segment is no longer refreshed and its members leave it (their history stays). Archive it?', archived: 'Archived',
    save: 'Save', saved: 'Segment saved', cancel: 'Cancel', empty: 'No segments yet', sample: 'Sample members', sampleEmpty: 'No member is in this segment now',
    joinedAt: 'Joined', preview: 'Live preview', previewSize: 'Members matching', previewHint: 'Member attributes as they are now; purchase figures as of {{time}}',
    previewNever: 'Purchase figures not computed yet', freshness: 'Refreshed every 10 minutes; at once when created or redefined',
    never: 'Not computed yet', any: 'Any', yes: 'Yes', no: 'No', min: 'Min', max: 'Max', to: 'to',
    fields: {
      tiers: 'Tiers', stores: 'Enrolment store', status: 'Member status', marketingConsent: 'Marketing consent',
      spend: 'Spend (CNY)', visits: 'Visit days', window: 'Window', daysSince: 'Days since last purchase',
      enrolled: 'Enrolled', birthdayMonth: 'Birthday month', rfm: 'RFM scores (1–5, 5 best)',
      r: 'Recency R ≥', f: 'Frequency F ≥', m: 'Monetary M ≥',
    },
    windows: { 30: 'last 30 days', 90: 'last 90 days', 180: 'last 180 days', 365: 'last 365 days' },
    currentMonth: 'This month', month: 'Month {{month}}', sep: ', ',
    summary: {
      tiers: 'Tier: {{list}}', stores: 'Store: {{list}}', status: 'Status: {{list}}', consent: 'Consents to marketing', noConsent: 'No marketing consent',
      spend: 'Spent {{range}} CNY in the {{window}}', visits: '{{range}} visit days in the {{window}}', daysSince: 'No purchase for {{range}} days',
      enrolled: 'Enrolled {{range}}', birthday: 'Birthday: {{month}}', rfm: 'RFM: {{list}}', atLeast: '≥ {{min}}', atMost: '≤ {{max}}',
    },
  },
  errors: { generic: 'Request failed' },
};
