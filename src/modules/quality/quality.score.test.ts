import { describe, expect, it } from 'vitest';
import { checkAnswers, scoreReview, type Answer, type Category } from './quality.score.ts';

const cat = (key: string, weight: number, min: number, max: number, extra: Partial<Category> = {}): Category =>
  ({ key, name_zh: key, name_en: key, weight, min, max, critical: false, pass_mark: null, na_allowed: true, ...extra });
const a = (key: string, value: number | null): Answer => ({ key, value, comment: '' });

const CARD = [
  cat('greeting', 10, 0, 2),
  cat('diagnosis', 30, 1, 5),
  cat('solution', 40, 1, 5),
  cat('compliance', 20, 0, 2, { critical: true, pass_mark: 2, na_allowed: false }),
];

describe('the review score (issue 12)', () => {
  it('is the weighted mean of (chosen − min)/(max − min)', () => {
    const r = scoreReview(CARD, [a('greeting', 1), a('diagnosis', 4), a('solution', 2), a('compliance', 2)]);
    // computed by hand: (10·½ + 30·¾ + 40·¼ + 20·1) / 100
    expect(r.score).toBeCloseTo((5 + 22.5 + 10 + 20) / 100, 12);
    expect(r.critical_failed).toBe(false);
  });
  it('leaves an N/A answer out of the weights', () => {
    const r = scoreReview(CARD, [a('greeting', null), a('diagnosis', 5), a('solution', 1), a('compliance', 2)]);
    expect(r.score).toBeCloseTo((30 * 1 + 40 * 0 + 20 * 1) / (30 + 40 + 20), 12);
  });
  it('scores 0 when a critical category is under its pass mark, however good the rest', () => {
    const r = scoreReview(CARD, [a('greeting', 2), a('diagnosis', 5), a('solution', 5), a('compliance', 1)]);
    expect(r).toEqual({ score: 0, critical_failed: true });
  });
  it('passes a critical category answered at its pass mark', () => {
    expect(scoreReview(CARD, [a('greeting', 2), a('diagnosis', 5), a('solution', 5), a('compliance', 2)])).toEqual({ score: 1, critical_failed: false });
  });
  it('has no score when every category is N/A (not scorable, not 0 and not 100 %)', () => {
    const card = [cat('x', 50, 0, 2), cat('y', 50, 1, 5)];
    expect(scoreReview(card, [a('x', null), a('y', null)])).toEqual({ score: null, critical_failed: false });
  });
  it('checks the answers: all categories once, on their scale, N/A only where allowed', () => {
    const full = [a('greeting', 1), a('diagnosis', 4), a('solution', 2), a('compliance', 2)];
    expect(checkAnswers(CARD, full)).toBeNull();
    expect(checkAnswers(CARD, full.slice(1))).toEqual({ kind: 'missing', key: 'greeting' });
    expect(checkAnswers(CARD, [...full, a('other', 1)])).toEqual({ kind: 'unknown', key: 'other' });
    expect(checkAnswers(CARD, [a('greeting', 1), a('diagnosis', 0), a('solution', 2), a('compliance', 2)])).toEqual({ kind: 'off_scale', key: 'diagnosis', min: 1, max: 5 });
    expect(checkAnswers(CARD, [a('greeting', 1), a('diagnosis', 4), a('solution', 2), a('compliance', null)])).toEqual({ kind: 'na_not_allowed', key: 'compliance' });
  });
});
