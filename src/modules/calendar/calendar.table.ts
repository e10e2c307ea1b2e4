import type { ColumnType, Generated, Selectable } from 'kysely';
import type { OfficialDay, WeekHours } from '../../platform/calendar.ts';

export interface CalendarSettingsTable {
  program_id: string;
  hours: ColumnType<WeekHours, string, string>;
  updated_at: Generated<Date>;
}

export interface CalendarOverrideTable {
  program_id: string;
  date: ColumnType<string, string, string>;
  closed: boolean;
  open_time: string | null;
  close_time: string | null;
  note: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CalendarYearTable {
  program_id: string;
  year: number;
  days: ColumnType<OfficialDay[], string, string>;
  loaded_at: Generated<Date>;
  loaded_by: string;
}

export interface CalendarTables {
  calendar_settings: CalendarSettingsTable;
  calendar_overrides: CalendarOverrideTable;
  calendar_years: CalendarYearTable;
}
export type CalendarOverrideRow = Selectable<CalendarOverrideTable>;
export type CalendarYearRow = Selectable<CalendarYearTable>;
