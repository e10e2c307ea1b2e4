import type { MemberDataSection } from '../../platform/member-data.ts';

// The readable copy (PIPL 第四十五条): one printable page in Chinese, a section per kind of
// data, each a table of its rows with every column. The JSON export carries the same rows.

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function cell(v: unknown): string {
  if (v === null || v === undefined) return '<span class="none">—</span>';
  if (v instanceof Date) return esc(v.toISOString());
  if (typeof v === 'object') return `<code>${esc(JSON.stringify(v))}</code>`;
  return esc(String(v));
}

// every row of a section is the member's and the program's: those two columns say nothing here (the JSON keeps them)
const HIDDEN = new Set(['program_id', 'member_id']);

function table(section: MemberDataSection): string {
  const cols = [...new Set(section.rows.flatMap((r) => Object.keys(r)))].filter((c) => !HIDDEN.has(c));
  // one row (the profile, the balance) reads better as a list of fields
  if (section.rows.length === 1) {
    const r = section.rows[0]!;
    return `<table class="kv"><tbody>${cols.map((c) => `<tr><th>${esc(c)}</th><td>${cell(r[c])}</td></tr>`).join('')}</tbody></table>`;
  }
  const head = cols.map((c) => `<th>${esc(c)}</th>`).join('');
  const body = section.rows.map((r) => `<tr>${cols.map((c) => `<td>${cell(r[c])}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function renderExportHtml(data: { program_id: string; member_id: string; generated_at: string; sections: MemberDataSection[] }, programName: string): string {
  const total = data.sections.reduce((n, x) => n + x.rows.length, 0);
  const held = data.sections.filter((x) => x.rows.length);
  const none = data.sections.filter((x) => !x.rows.length);
  const toc = held.map((x, i) => `<li><a href="#s${i}">${esc(x.title.zh)}</a>（${x.rows.length}）</li>`).join('');
  const sections = held.map((x, i) =>
    `<section id="s${i}"><h2>${esc(x.title.zh)} <small>${esc(x.title.en)} · ${x.rows.length} 条</small></h2>${table(x)}</section>`).join('\n');
  const empty = none.length ? `<p class="meta">以下类别没有您的记录 / No records: ${none.map((x) => esc(x.title.zh)).join('、')}</p>` : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>个人信息副本 ${esc(data.member_id)}</title>
<style>
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:16px;margin-top:28px;border-bottom:1px solid #ccc;padding-bottom:4px}h2 small{color:#888;font-weight:normal}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;word-break:break-all}
th{background:#f5f5f5}table.kv{width:auto;min-width:50%}table.kv th{width:180px}code{font-size:11px}.none{color:#999}.meta{color:#555}
@media print{a{color:inherit;text-decoration:none}section{break-inside:avoid-page}}
</style></head><body>
<h1>个人信息副本 <small>Copy of personal data</small></h1>
<p class="meta">会员计划：${esc(programName)}&#12288;会员 ID：${esc(data.member_id)}&#12288;生成时间：${esc(data.generated_at)}&#12288;共 ${data.sections.length} 类 ${total} 条记录</p>
<p class="meta">根据《个人信息保护法》第四十五条，此副本包含本计划保存的与您有关的全部个人信息。请妥善保管。</p>
<ol>${toc}</ol>
${empty}
${sections}
</body></html>`;
}
