// Scheduled jobs: pending-points release, points expiry with notices and the segments
// refresh, each under an advisory lock so only one instance runs it.
export { jobService, type JobService } from './job.service.ts';
export { jobRoutes } from './job.routes.ts';
export { startScheduler } from './scheduler.ts';
