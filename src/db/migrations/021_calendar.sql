-- The working-day calendar per program (issue 11): opening hours per weekday, the
-- program's own dates, and the official schedules an operator loaded for years
-- `chinese-days` has no data for (holiday-cn's layout). Deadlines that run through a year
-- with neither are provisional.

-- Opening hours, weekday → { open, close } or null (closed), e.g. Mon–Fri 09:00–18:00.
CREATE TABLE calendar_settings (
  program_id  text PRIMARY KEY REFERENCES programs(id),
  hours       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One date of the program's own: closed whatever the official calendar says, or open (a
-- working day) with its hours (null: the weekday's).
CREATE TABLE calendar_overrides (
  program_id  text NOT NULL REFERENCES programs(id),
  date        date NOT NULL,
  closed      boolean NOT NULL,
  open_time   text,
  close_time  text,
  note        text,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, date),
  CHECK ((open_time IS NULL) = (close_time IS NULL)),
  CHECK (NOT closed OR open_time IS NULL)
);

-- A year's official schedule as an operator loaded it: holiday-cn's days array.
CREATE TABLE calendar_years (
  program_id  text NOT NULL REFERENCES programs(id),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2199),
  days        jsonb NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  loaded_by   text NOT NULL,
  PRIMARY KEY (program_id, year)
);

-- A rights request's due date ran through a year without an official schedule.
ALTER TABLE rights_requests ADD COLUMN due_provisional boolean NOT NULL DEFAULT false;
