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
  editor: {
    create: 'New scorecard', edit: 'Edit', createTitle: 'New scorecard', editTitle: 'Edit scorecard: {{name}} (v{{version}})',
    nameZh: 'Name (Chinese)', nameEn: 'Name (English)', catNameZh: 'Category (Chinese)', catNameEn: 'Category (English)', untitled: 'Untitled category',
    key: 'Key', keyHint: 'Reports and calibration match a category by its key: keep it when renaming', min: 'Lowest', max: 'Highest',
    passMark: 'Pass mark', passMarkHint: 'Under the pass mark the whole review scores 0', criticalHint: 'Critical: under its pass mark the whole review scores 0', naHint: 'Reviewers may answer N/A; the category then leaves the weights',
    up: 'Move up', down: 'Move down', remove: 'Remove category', add: 'Add category',
    formula: 'Score = the weighted mean of each category\'s (chosen − lowest) ÷ (highest − lowest); N/A categories leave the weights; a critical category under its pass mark scores the whole review 0. Weights now total {{total}}, counted as shares.',
    save: 'Save', saveAsVersion: 'Save as version {{version}}', saved: 'Scorecard saved', created: 'Scorecard "{{name}}" created', newVersion: 'Saved as version {{version}}',
    usedTitle: 'Reviews already use this scorecard (v{{version}})', usedDetail: 'Saving makes version {{next}} and retires v{{version}}; existing reviews keep v{{version}}, new samples and reviews use v{{next}}.',
    reading: {
      weight: 'Weight {{pct}}%', noWeight: 'No weight', scale: 'scored {{min}}–{{max}}', noScale: 'scale incomplete',
      critical: 'critical, pass mark {{mark}}', criticalNoMark: 'critical, pass mark to set', na: 'N/A allowed',
    },
    check: {
      required: 'Required', tooLong: 'At most {{max}} characters', key: 'A key starts with a lower-case letter and has only a–z, 0–9 and _ (up to 40)', duplicateKey: 'Each category needs its own key',
      weight: 'A weight is a whole number from 1 to 100', min: 'The lowest is a whole number from 0 to 10', max: 'The highest is a whole number from 1 to 10', scale: 'The top of the scale must be above its bottom',
      passMarkRequired: 'A critical category needs a pass mark', passMark: 'The pass mark is above the lowest and no higher than the highest', noCategory: 'A scorecard needs at least one category',
    },
  },
  mine: { title: 'My quality reviews', intro: 'How the quality team scored the cases you closed. You may dispute a review once; the outcome is recorded here.', empty: 'No reviews of your cases yet', average: 'Average' },
};
