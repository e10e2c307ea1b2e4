import { failures, messages, type ErrorTable } from '../../platform/errors.ts';

export const POINTS_ERRORS = {
  insufficient_points: { status: 422, title: { zh: '可用积分不足', en: 'Not enough available points' } },
} as const satisfies ErrorTable;

export const POINTS_MESSAGES = messages('points', {
  insufficient: {
    en: (p: { requested: number; available: number }) => `Needs ${p.requested} points, ${p.available} available`,
    zh: (p: { requested: number; available: number }) => `需要 ${p.requested} 积分，可用仅 ${p.available}`,
  },
});

const fail = failures(POINTS_ERRORS);
export const insufficientPoints = (available: number, requested: number) =>
  fail('insufficient_points', POINTS_MESSAGES.insufficient({ requested, available }), {
    field: 'points', extra: { available, requested, shortfall: requested - available },
  });
