import { failures, messages, validation, type ErrorTable } from '../../platform/errors.ts';

export const SEGMENT_ERRORS = {
  segment_archived: { status: 409, title: { zh: '该分群已归档', en: 'The segment is archived' } },
} as const satisfies ErrorTable;

export const SEGMENT_MESSAGES = messages('segments', {
  range_order: { en: 'min must not be greater than max', zh: '最小值不能大于最大值' },
  range_empty: { en: 'Give min, max or both', zh: '请至少填写最小值或最大值' },
  rfm_empty: { en: 'Give a range for r, f or m', zh: '请至少为 R、F、M 之一设置范围' },
  dates_order: { en: 'from must not be after to', zh: '开始日期不能晚于结束日期' },
  unknown_tier: { en: (p: { id: string }) => `No tier ${p.id} in this program`, zh: (p: { id: string }) => `本计划没有等级 ${p.id}` },
  unknown_store: { en: (p: { id: string }) => `No store ${p.id} in this program`, zh: (p: { id: string }) => `本计划没有门店 ${p.id}` },
  archived: { en: 'The segment is archived: it is no longer refreshed or changed', zh: '该分群已归档，不再刷新或修改' },
});

const fail = failures(SEGMENT_ERRORS);
export const segmentArchived = () => fail('segment_archived', SEGMENT_MESSAGES.archived(), { field: 'segment_id' });
export const unknownTier = (field: string, id: string) => validation(field, SEGMENT_MESSAGES.unknown_tier({ id }));
export const unknownStore = (field: string, id: string) => validation(field, SEGMENT_MESSAGES.unknown_store({ id }));
