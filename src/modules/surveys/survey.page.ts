import type { Lang } from '../../platform/errors.ts';
import type { AnswerValue, Question } from './survey.table.ts';

// The page a member opens from their link: plain HTML and an inline stylesheet, no script and
// nothing from elsewhere (the app's CSP allows inline styles and same-origin form posts only),
// sized for a phone. Chrome in the member's language (members.language; the browser's
// Accept-Language when the link is not a member's, such as an unknown one); the questions are
// the operator's own text.

const T = {
  zh: { submit: '提交', required: '必答', thanks: '感谢您的反馈！', thanksBody: '您的意见已收到，我们会认真改进。', fix: '请检查标红的题目后再提交。', low: '非常不满意', high: '非常满意', lowNps: '完全不可能', highNps: '非常可能', title: '满意度调查', expires: '链接有效期至' },
  en: { submit: 'Submit', required: 'required', thanks: 'Thank you!', thanksBody: 'We have your answers and will put them to use.', fix: 'Please check the questions marked in red.', low: 'Very unsatisfied', high: 'Very satisfied', lowNps: 'Not at all likely', highNps: 'Extremely likely', title: 'Survey', expires: 'Link open until' },
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 -apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei","Segoe UI",sans-serif;background:#f5f5f5;color:#1f1f1f}
main{max-width:560px;margin:0 auto;padding:16px}.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 8px}p.intro{color:#595959;margin:0 0 16px}fieldset{border:0;padding:0;margin:0 0 20px}
legend{font-weight:600;margin-bottom:8px;padding:0}.req{color:#cf1322;font-weight:400;font-size:13px;margin-left:4px}
.scale{display:flex;flex-wrap:wrap;gap:6px}.scale label{flex:1 0 40px;max-width:64px}.scale input{position:absolute;opacity:0}
.scale span{display:block;text-align:center;padding:10px 0;border:1px solid #d9d9d9;border-radius:8px;background:#fff;cursor:pointer}
.scale input:checked+span{background:#1677ff;border-color:#1677ff;color:#fff}.scale input:focus-visible+span{outline:2px solid #69b1ff}
.ends{display:flex;justify-content:space-between;font-size:12px;color:#8c8c8c;margin-top:4px}
.opt{display:flex;align-items:center;gap:8px;padding:8px 0}textarea{width:100%;min-height:96px;padding:8px;border:1px solid #d9d9d9;border-radius:8px;font:inherit}
.err{color:#cf1322;font-size:14px;margin-top:4px}.bad legend{color:#cf1322}.alert{background:#fff2f0;border:1px solid #ffccc7;border-radius:8px;padding:8px 12px;margin-bottom:16px}
button{width:100%;padding:12px;border:0;border-radius:8px;background:#1677ff;color:#fff;font-size:16px;cursor:pointer}.muted{color:#8c8c8c;font-size:13px;margin-top:12px}
.done{text-align:center;padding:32px 20px}.done h1{font-size:22px}`;

const shell = (lang: Lang, title: string, body: string) =>
  `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;

function question(q: Question, lang: Lang, value: AnswerValue | undefined, error: string | undefined, kind: string): string {
  const t = T[lang];
  const name = `q_${q.id}`;
  let input: string;
  if (q.type === 'rating') {
    const boxes = Array.from({ length: q.max! - q.min! + 1 }, (_, i) => q.min! + i)
      .map((n) => `<label><input type="radio" name="${name}" value="${n}"${String(value) === String(n) ? ' checked' : ''}><span>${n}</span></label>`).join('');
    const [low, high] = kind === 'nps' && q.max === 10 ? [t.lowNps, t.highNps] : [t.low, t.high];
    input = `<div class="scale">${boxes}</div><div class="ends"><span>${low}</span><span>${high}</span></div>`;
  } else if (q.type === 'single' || q.type === 'multiple') {
    const chosen = [value ?? []].flat().map(String);
    input = q.options!.map((o) => `<label class="opt"><input type="${q.type === 'single' ? 'radio' : 'checkbox'}" name="${name}" value="${esc(o)}"${chosen.includes(o) ? ' checked' : ''}>${esc(o)}</label>`).join('');
  } else {
    input = `<textarea name="${name}" maxlength="2000">${esc(typeof value === 'string' ? value : '')}</textarea>`;
  }
  return `<fieldset${error ? ' class="bad"' : ''}><legend>${esc(q.label)}${q.required ? `<span class="req">${t.required}</span>` : ''}</legend>${input}${error ? `<div class="err">${esc(error)}</div>` : ''}</fieldset>`;
}

/** The form, filled with what was sent when it comes back with errors (by question id). */
export function formPage(lang: Lang, s: { title: string; intro: string; kind: string; questions: Question[] }, action: string, expiresOn: string,
  values: Record<string, AnswerValue> = {}, errors: Record<string, string> = {}): string {
  const t = T[lang];
  const alert = Object.keys(errors).length ? `<div class="alert" role="alert">${t.fix}</div>` : '';
  const body = `<div class="card"><h1>${esc(s.title)}</h1>${s.intro ? `<p class="intro">${esc(s.intro)}</p>` : ''}${alert}` +
    `<form method="post" action="${esc(action)}">${s.questions.map((q) => question(q, lang, values[q.id], errors[q.id], s.kind)).join('')}` +
    `<button type="submit">${t.submit}</button></form><p class="muted">${t.expires} ${esc(expiresOn)}</p></div>`;
  return shell(lang, s.title, body);
}

export const thanksPage = (lang: Lang) => shell(lang, T[lang].thanks, `<div class="card done"><h1>${T[lang].thanks}</h1><p>${T[lang].thanksBody}</p></div>`);
/** A used, expired or unknown link: what happened, in the member's words. */
export const refusedPage = (lang: Lang, title: string, detail: string) => shell(lang, title, `<div class="card done"><h1>${esc(title)}</h1><p>${esc(detail)}</p></div>`);
