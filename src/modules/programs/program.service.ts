import type { Insertable, Updateable } from 'kysely';
import { ttlCache } from '../../platform/cache.ts';
import type { Ctx } from '../../platform/context.ts';
import { isFailure, notFound, type Result } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { toProgram, toSettings, type ProgramSettings } from './program.ts';
import * as repo from './program.repository.ts';
import type { TProgramCreate, TProgramUpdate } from './program.schema.ts';
import type { ProgramTable } from './program.table.ts';

// Settings are read on every purchase; a short-lived cache keeps that off the database.
// Updates in this process clear it at once; other instances see them within the TTL.
const SETTINGS_TTL_MS = 5_000;

function columns(input: TProgramUpdate): Updateable<ProgramTable> {
  const row: Updateable<ProgramTable> = {};
  if (input.name !== undefined) row.name = input.name;
  if (input.time_zone !== undefined) row.time_zone = input.time_zone;
  if (input.currency !== undefined) row.currency = input.currency;
  if (input.earn_rate) {
    row.earn_points = input.earn_rate.points;
    row.earn_per_fen = input.earn_rate.per_fen;
  }
  if (input.pending_days !== undefined) row.pending_days = input.pending_days;
  if (input.expiry) {
    row.expiry_policy = input.expiry.policy;
    row.expiry_months = input.expiry.policy === 'rolling_months' ? input.expiry.months : null;
  }
  if (input.expiry_notice_days !== undefined) row.expiry_notice_days = input.expiry_notice_days;
  if (input.earn_on !== undefined) row.earn_on = input.earn_on;
  if (input.earn_exclusions) row.earn_exclusions = JSON.stringify(input.earn_exclusions);
  if (input.earn_caps) row.earn_caps = JSON.stringify(input.earn_caps);
  return row;
}

export function programService(ctx: Ctx) {
  const cache = ttlCache<string, ProgramSettings>(ctx, { ttlMs: SETTINGS_TTL_MS });

  return {
    async create(input: TProgramCreate) {
      const row = await repo.insertProgram(ctx.db, { ...(columns(input) as Insertable<ProgramTable>), id: newId('prg'), name: input.name });
      return toProgram(row);
    },
    async get(id: string) {
      const row = await repo.findProgram(ctx.db, id);
      if (!row) return notFound('program', 'program_id');
      return toProgram(row);
    },
    async list(ids?: string[]) {
      return (await repo.listPrograms(ctx.db, ids)).map(toProgram);
    },
    async update(id: string, input: TProgramUpdate) {
      const patch = columns(input);
      const row = Object.keys(patch).length ? await repo.updateProgram(ctx.db, id, patch) : await repo.findProgram(ctx.db, id);
      if (!row) return notFound('program', 'program_id');
      cache.delete(id);
      return toProgram(row);
    },
    async settings(id: string): Promise<Result<ProgramSettings>> {
      const hit = cache.get(id);
      if (hit) return hit;
      const row = await repo.findProgram(ctx.db, id);
      if (!row) return notFound('program', 'program_id');
      const settings = toSettings(row);
      cache.set(id, settings);
      return settings;
    },
    /** The program's time zone (kept with its settings); Asia/Shanghai for a program that does not exist. */
    async timeZone(id: string): Promise<string> {
      const s = await this.settings(id);
      return isFailure(s) ? 'Asia/Shanghai' : s.timeZone;
    },
  };
}
export type ProgramService = ReturnType<typeof programService>;
