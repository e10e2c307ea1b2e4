import { validation, type Result } from '../../platform/errors.ts';
import { SURVEY_MESSAGES as M } from './survey.errors.ts';
import type { AnswerValue, Question } from './survey.table.ts';

// A member's answers checked against the questions they were asked. The public form sends
// strings (q_<id>=…, repeated for a multiple choice); a JSON caller sends { answers: {id: value} }.

const MAX_TEXT = 2000;

/** The answers by question id from a submitted form's fields (q_<id>). */
export function fromForm(questions: Question[], form: Record<string, string | string[] | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    const raw = form[`q_${q.id}`];
    if (raw === undefined || raw === '') continue;
    out[q.id] = q.type === 'multiple' ? [raw].flat() : [raw].flat()[0];
  }
  return out;
}

export interface Checked { answers: Record<string, AnswerValue>; score: number | null; comment: string | null }

/**
 * Each answer fits its question (a rating a whole number on its scale, a choice one of the
 * options, a text at most 2000 characters), required ones are there; the headline score is the
 * first rating question's, the comment the first text question's.
 */
export function checkAnswers(questions: Question[], given: unknown): Result<Checked> {
  const input = (given && typeof given === 'object' && !Array.isArray(given) ? given : {}) as Record<string, unknown>;
  const answers: Record<string, AnswerValue> = {};
  for (const q of questions) {
    const field = `answers.${q.id}`;
    let v = input[q.id];
    if (typeof v === 'string') v = v.trim();
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) return validation(field, M.required());
      continue;
    }
    switch (q.type) {
      case 'rating': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : NaN;
        if (!Number.isInteger(n) || n < q.min! || n > q.max!) return validation(field, M.rating({ min: q.min!, max: q.max! }));
        answers[q.id] = n;
        break;
      }
      case 'single':
        if (typeof v !== 'string' || !q.options!.includes(v)) return validation(field, M.option());
        answers[q.id] = v;
        break;
      case 'multiple': {
        const list = [v].flat();
        if (!list.every((x): x is string => typeof x === 'string' && q.options!.includes(x))) return validation(field, M.option());
        answers[q.id] = [...new Set(list)];
        break;
      }
      case 'text':
        if (typeof v !== 'string') return validation(field, M.text_long());
        if (v.length > MAX_TEXT || v.includes('\u0000')) return validation(field, M.text_long());
        answers[q.id] = v;
        break;
    }
  }
  const rating = questions.find((q) => q.type === 'rating');
  const text = questions.find((q) => q.type === 'text');
  const score = rating && typeof answers[rating.id] === 'number' ? answers[rating.id] as number : null;
  const comment = text && typeof answers[text.id] === 'string' ? answers[text.id] as string : null;
  return { answers, score, comment };
}
