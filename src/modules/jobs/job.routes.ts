import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zDate, zProgramParams } from '../../platform/schema.ts';
import type { JobService } from './job.service.ts';

const ZExpiryRunRequest = z.strictObject({
  as_of: zDate.optional().describe('The local day (program time zone) whose end is closed. Default: yesterday in the program\'s time zone'),
}).nullish().meta({ id: 'ExpiryRunRequest' });
const ZExpiryRun = z.object({
  as_of: z.string().describe('The day used'), expired_lots: z.number().int(), expired_points: z.number().int(),
  notices_sent: z.number().int().describe('points.expiring events written'),
}).meta({ id: 'ExpiryRun' });

export function jobRoutes(app: App, jobs: JobService) {
  app.post('/v1/programs/:program_id/jobs/expiry', {
    config: { permission: 'program.manage' },
    schema: {
      tags: ['jobs'], summary: 'Run points expiry and expiry notices for a day (default: yesterday)', params: zProgramParams,
      description: 'Expires every open lot whose last valid day (expires_on) is on or before as_of, then sends one points.expiring event per lot '
        + 'expiring within the program\'s expiry_notice_days after as_of (once per lot). The body is optional.',
      body: ZExpiryRunRequest,
      response: { 200: ZExpiryRun, ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id, 'program.manage');
    const [r] = orProblem(await jobs.runExpiry({ programId: req.params.program_id, asOf: req.body?.as_of }));
    return { as_of: r!.as_of, expired_lots: r!.expired_lots, expired_points: r!.expired_points, notices_sent: r!.notices_sent };
  });
}
