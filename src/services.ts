import type { Ctx } from './platform/context.ts';
import { apiKeyService } from './modules/api-keys/index.ts';
import { memberService } from './modules/members/index.ts';
import { pointsService } from './modules/points/index.ts';
import { programService } from './modules/programs/index.ts';
import { purchaseService } from './modules/purchases/index.ts';
import { storeService } from './modules/stores/index.ts';
import { jobService } from './modules/jobs/index.ts';

/** Every module's service, built once per database handle. */
export function createServices(ctx: Ctx) {
  const programs = programService(ctx);
  const stores = storeService(ctx);
  const apiKeys = apiKeyService(ctx);
  const points = pointsService(ctx, { programs });
  // Termination settles points: open points are forfeited in the same transaction.
  const members = memberService(ctx, {
    onTerminated: async (trx, programId, memberId, reason, actor) => {
      await points.forfeitAll(trx, programId, memberId, { reasonCode: 'terminated', note: reason, actor: actor.keyId });
    },
  });
  const purchases = purchaseService(ctx, { programs, members, points });
  const jobs = jobService(ctx, { programs, points });
  return { ctx, programs, stores, apiKeys, members, points, purchases, jobs };
}
export type Services = ReturnType<typeof createServices>;
