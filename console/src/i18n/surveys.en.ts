import type { surveysZh } from './surveys.zh.ts';

export const surveysEn: typeof surveysZh = {
  nav: 'Surveys',
  title: 'Surveys',
  help: 'A CSAT survey goes out when a case closes (once per case, counted to the agent who closed it); NPS goes to a random sample on a schedule, nobody asked again within the recontact period; custom surveys are built here. Links work once and expire, and go only to members whose consent allows it (CSAT: service; NPS and custom: marketing).',
  add: 'New survey', empty: 'No surveys yet', open: 'Results',
  kinds: { csat: 'CSAT', nps: 'NPS', custom: 'Custom' },
  statuses: { draft: 'Draft', active: 'Active', closed: 'Closed' },
  col: { title: 'Name', kind: 'Kind', status: 'Status', invited: 'Invited', answered: 'Answered', rate: 'Response rate', created: 'Created' },
  builder: {
    title: 'Build a survey', kind: 'Kind', name: 'Name', intro: 'Introduction', linkDays: 'Link open for (days)', sample: 'Members per round', every: 'Days between rounds', recontact: 'Recontact period (days)',
    questions: 'Questions', addRating: 'Rating', addSingle: 'Single choice', addMultiple: 'Multiple choice', addText: 'Text', label: 'Question', required: 'Required',
    min: 'Lowest', max: 'Highest', options: 'Options (one per line)', remove: 'Remove', up: 'Move up', preview: 'What members see', save: 'Save survey', saved: 'Survey saved',
    nameRequired: 'Give the survey a name', labelRequired: 'Write the question', needQuestion: 'Add at least one question', defaultNote: 'CSAT and NPS ask the standard questions (a 1–5 / 0–10 rating and "why?").',
    types: { rating: 'Rating', single: 'Single choice', multiple: 'Multiple choice', text: 'Text' }, submit: 'Submit', low: 'Very unsatisfied', high: 'Very satisfied',
  },
  results: {
    back: 'Back to surveys', csat: 'CSAT (share of 4–5)', nps: 'NPS (promoters − detractors)', average: 'Average rating', answers: 'Answers', invited: 'Invited', rate: 'Response rate',
    promoters: 'Promoters 9–10', passives: 'Passives 7–8', detractors: 'Detractors 0–6', trend: 'Trend', week: 'Weekly', month: 'Monthly', byStore: 'By store', byTier: 'By tier', byAgent: 'By agent',
    none: 'None', unlinked: 'Not linked', noAnswers: 'No answers yet', comments: 'Comments', score: 'Score', comment: 'Comment', when: 'When', store: 'Store', agent: 'Agent', caseId: 'Case',
    questions: 'Per question', distribution: 'Scores', frozen: 'Answered: the questions are frozen', activate: 'Activate', close: 'Close survey', statusSaved: 'Status updated', settings: 'Settings',
    followUp: 'Follow up',
    lowHint: 'Low scores (CSAT 1–2, NPS 0–6) can be followed up in a case',
  },
  send: { open: 'Send to a segment', title: 'Send the survey', ok: 'Send', segment: 'Segment', segmentRequired: 'Choose a segment',
    help: 'Each member of the segment gets a single-use link; members who do not consent to marketing get none, and nobody gets it twice.', done: 'Sent to {{sent}}, {{skipped}} without consent, {{already}} had it already' },
  member: { title: 'Surveys', empty: 'No surveys yet', survey: 'Survey', status: 'Status', sent: 'Sent', answer: 'Answer', caseNo: 'Case',
    statuses: { sent: 'Awaiting answer', answered: 'Answered', skipped: 'Not sent', expired: 'Expired' }, reasons: { no_consent: 'No consent', inactive_member: 'Member not active', erased: 'Erased' } },
};
