import type { calendarZh } from './calendar.zh.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const calendarEn: Widen<typeof calendarZh> = {
  nav: 'Calendar',
  title: 'Working-day calendar',
  help: 'Working days follow the State Council\'s holiday schedule, weekend days made working days (调休) included. Deadlines (a data-rights request: 15 working days) count them; opening hours serve deadlines in hours.',
  unknownBanner: 'No official schedule yet for {{years}}: deadlines in these years are provisional. Load the year\'s schedule once it is announced.',
  hours: 'Opening hours', saveHours: 'Save hours', hoursSaved: 'Opening hours saved', closed: 'Closed', open: 'Open',
  weekdays: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
  overrides: 'Special dates', overridesHelp: 'The program\'s own closed days (a store anniversary) or open days; they prevail over the official schedule.', addOverride: 'Add a date',
  date: 'Date', kind: 'Kind', note: 'Note', hoursOf: 'Hours', remove: 'Remove', removed: 'Removed', added: 'Added', noOverrides: 'No special dates',
  dateRequired: 'Pick a date', weekdayHours: 'The weekday\'s',
  years: 'Holiday schedules by year', year: 'Year', status: 'Status', loadedAt: 'Loaded', days: 'Days',
  statuses: { official: 'Official', loaded: 'Loaded', unknown: 'Unknown (no official data)' },
  loadYear: 'Load a year', loadHelp: 'Paste or upload JSON in holiday-cn\'s layout: {"year":2027,"days":[{"name":"春节","date":"2027-02-06","isOffDay":true},…]}. isOffDay false: a make-up working day.',
  paste: 'JSON', upload: 'Choose a file', load: 'Load', badJson: 'Not valid JSON', loaded: 'Schedule for {{year}} loaded',
  moved: '{{n}} deadline(s) recomputed on the new calendar', movedNone: 'No deadline moved', movedItem: '{{kind}} request (member {{member}}): {{from}} → {{to}}',
  movedClock: '{{subject}} {{id}} {{metric}}: {{from}} → {{to}}', breachedKept: '{{n}} of them had already breached: the breach stays on record, the new due time is shown',
  check: 'Check a date', checkHelp: 'Whether a date is a working day, and the date N working days after it (counted from the next day).', addDays: 'Add working days', ask: 'Check',
  working: 'Working day', notWorking: 'Not a working day', provisional: 'Provisional', result: '{{n}} working days later: {{date}}',
};
