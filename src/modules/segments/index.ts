// Segments: member groups defined by conditions (tier, spend and visits in a window, days
// since the last purchase, enrolment, birthday month, store, status, consent to marketing,
// RFM quintiles), materialised with their membership history by the segments job.
// Emits segment.created, segment.updated, segment.archived.
export { segmentService, type SegmentService } from './segment.service.ts';
export { segmentRoutes } from './segment.routes.ts';
export { inSegmentAtSql, segmentsAtSql } from './segment.repository.ts';
export type { TConditions, TSegment } from './segment.schema.ts';
export type { SegmentTables } from './segment.table.ts';
