import type { qualityZh } from './quality.zh.ts';

export const qualityEn: typeof qualityZh = {
  nav: 'Quality',
  navMine: 'My reviews',
  title: 'Quality review',
  intro: 'Sample closed cases and score them on a scorecard: the weighted mean of the categories, N/A left out of the weights, a critical category under its pass mark scores the whole review 0.',
  tabs: { todo: 'To score', samples: 'Samples', calibration: 'Calibration', agents: 'Agents', disputes: 'Disputes', scorecards: 'Scorecards' },
  cards: { weight: 'Weight', scale: 'Scale', naAllowed: 'N/A allowed', versioned: 'A scorecard in use is fixed: a change makes a new version, and existing reviews keep theirs.' },
  kinds: { random: 'Random', low_csat: 'Low CSAT (≤ 2)', breached_sla: 'Breached SLA' },
  sample: {
    create: 'New sample', kind: 'Sampling', range: 'Closed between', size: 'How many', agent: 'Agent (optional)', scorecard: 'Scorecard', reviewers: 'Reviewers',
    perCase: 'Reviewers per case', perCaseHint: '2 makes a calibration pair: two reviewers score the same case', created: '{{n}} cases sampled', none: 'No closed case in the range matches',
    list: 'Samples', at: 'Sampled', cases: 'Cases', done: 'scored', open: 'to score',
  },
  case: 'Case', agent: 'Agent', reviewer: 'Reviewer', score: 'Score', reviewed: 'Scored', closed: 'Closed', comment: 'Comment', overall: 'Overall comment',
  review: {
    title: 'Score {{number}}', start: 'Score', submit: 'Submit', submitted: 'Submitted: {{score}}', na: 'N/A', critical: 'Critical',
    passMark: 'Pass mark {{mark}}', commentPh: 'Comment on this category (optional)', overallPh: 'Overall comment (optional)', weight: 'Weight {{w}}', notScorable: 'Not scorable (all N/A)',
    failed: 'Critical category failed', openCase: 'Open the case', unanswered: 'Choose a value or N/A for every category',
  },
  todoEmpty: 'Nothing to score', empty: 'Nothing yet',
  calibration: { none: 'No case has been scored by two reviewers yet', category: 'Category', gap: 'Gap', scoreGap: 'Score gap {{gap}}', disagree: 'Disagree' },
  agents: { range: 'Closed between', quality: 'Quality', sla: 'SLA met', csat: 'CSAT', reviews: 'Reviews', trend: 'vs previous', none: 'No agent figures in this range', noFigure: '—: no figure yet' },
  dispute: {
    button: 'Dispute', reason: 'Reason', reasonPh: 'Why you think the score is wrong', sent: 'Dispute sent', status: { open: 'Open', upheld: 'Upheld', rejected: 'Rejected' },
    resolve: 'Resolve', uphold: 'Uphold (re-score)', reject: 'Reject', resolution: 'Decision', resolved: 'Resolved', before: 'Before', after: 'After', raised: 'Raised',
  },
  mine: { title: 'My quality reviews', intro: 'How the quality team scored the cases you closed. You may dispute a review once; the outcome is recorded here.', empty: 'No reviews of your cases yet', average: 'Average' },
};
