import type { TFunction } from 'i18next';
import type { Tier, TierBasis } from '../api/types.ts';
import { formatFen, formatPoints } from './money.ts';

/** A qualifying figure or threshold in the program's basis: ¥ for spend, points, or days. */
export function formatFigure(basis: TierBasis, n: number, t: TFunction): string {
  if (basis === 'spend') return `¥${formatFen(n)}`;
  return `${formatPoints(n)} ${t(`tiers.unit.${basis}`)}`;
}

/** The tier's name in the console's language (the Chinese name when there is no English one). */
export const tierName = (tier: Pick<Tier, 'name' | 'name_en'> | null | undefined, lang: string): string =>
  !tier ? '' : lang === 'en' && tier.name_en ? tier.name_en : tier.name;

const COLORS = ['default', 'blue', 'gold', 'purple', 'magenta', 'volcano'];
/** A tag colour per rank, the same on every screen. */
export const tierColor = (rank: number | undefined) => COLORS[Math.min(rank ?? 0, COLORS.length - 1)] ?? 'default';
