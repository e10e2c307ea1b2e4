import { Command } from 'commander';
import { boot } from './boot.ts';
import type { Config } from './config.ts';
import { officialCalendar, type WorkCalendar } from './platform/calendar.ts';
import { isFailure } from './platform/errors.ts';
import { isDate } from './platform/time.ts';

// `patron calendar …` answers in one line, so anyone can check it against the State
// Council's notices (issue 11). Without --program: the official calendar in Asia/Shanghai,
// no database opened. A result that depends on a year without an official schedule also
// says so on stderr and exits 3, so a script cannot take it for a settled date.

type Opts = { program?: string };
const PROVISIONAL_EXIT = 3;

async function withCalendar(config: Config, o: Opts, run: (cal: WorkCalendar) => { out: string; years: number[] }, fail: (msg: string) => never) {
  let cal: WorkCalendar = officialCalendar();
  let close = async () => {};
  if (o.program) {
    const { handle, services } = await boot(config);
    close = () => handle.close();
    const p = await services.programs.get(o.program);
    if (isFailure(p)) { await close(); fail(`error: program ${o.program} not found`); }
    cal = await services.calendar.calendarFor(o.program);
  }
  const { out, years } = run(cal);
  console.log(out);
  for (const y of years) console.error(`provisional: no official schedule for ${y}`);
  if (years.length) process.exitCode = PROVISIONAL_EXIT;
  await close();
}

export function calendarCommand(config: Config) {
  const cmd = new Command('calendar').description('the working-day calendar (official Chinese schedule with make-up working days; --program: that program\'s)');
  const date = (v: string) => { if (!isDate(v)) cmd.error(`DATE must be a date YYYY-MM-DD, got ${v}`); return v; };
  cmd.command('add').argument('<date>', 'a local date YYYY-MM-DD').argument('<n>', 'working days to add, counted from the next day')
    .description('print the date N working days after DATE')
    .option('--program <id>', 'the program\'s calendar (its own dates and loaded years)')
    .action(async (d: string, n: string, o: Opts) => {
      date(d);
      const count = Number(n);
      if (!Number.isInteger(count) || count < 0 || count > 3660) cmd.error(`N must be a whole number from 0 to 3660, got ${n}`);
      await withCalendar(config, o, (cal) => { const r = cal.addWorkingDays(d, count); return { out: r.date, years: r.years }; }, (m) => cmd.error(m));
    });
  cmd.command('is-working-day').argument('<date>', 'a local date YYYY-MM-DD')
    .description('print yes or no')
    .option('--program <id>', 'the program\'s calendar (its own dates and loaded years)')
    .action(async (d: string, o: Opts) => {
      date(d);
      await withCalendar(config, o, (cal) => {
        const y = Number(d.slice(0, 4));
        return { out: cal.isWorkingDay(d) ? 'yes' : 'no', years: cal.yearStatus(y) === 'unknown' ? [y] : [] };
      }, (m) => cmd.error(m));
    });
  return cmd;
}
