import { z } from 'zod';
import { authorize } from '../../platform/auth.ts';
import { orProblem, type App } from '../../platform/http.ts';
import { problemResponses, zDate, zProgramParams } from '../../platform/schema.ts';
import type { JobService } from './job.service.ts';

export function jobRoutes(app: App, jobs: JobService) {
  app.post('/v1/programs/:program_id/jobs/expiry', {
    schema: {
      tags: ['jobs'], summary: 'Run points expiry and expiry notices for a day (default: yesterday)', params: zProgramParams,
      body: z.strictObject({ as_of: zDate.optional() }).nullish(),
      response: { 200: z.object({ as_of: z.string(), expired_lots: z.number().int(), expired_points: z.number().int(), notices_sent: z.number().int() }), ...problemResponses },
    },
  }, async (req) => {
    authorize(req, req.params.program_id);
    const [r] = orProblem(await jobs.runExpiry({ programId: req.params.program_id, asOf: req.body?.as_of }));
    return { as_of: r!.as_of, expired_lots: r!.expired_lots, expired_points: r!.expired_points, notices_sent: r!.notices_sent };
  });
}
