import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS } from './errors.ts';

// The structure the next module's author can rely on (docs/architecture.md):
// - a module's files name only its own tables; the owner of each table is the module whose
//   `*.table.ts` declares it (its `…Tables` interface), the platform's are in db/schema.ts;
// - a module reaches another module only through that module's index.ts;
// - a workflow (src/workflows/) names no table at all and uses modules' index.ts only;
// - every module's problem codes are in the one composed table (src/errors.ts).
// Tests are held to the import rule; they may read any table to check an invariant.

const SRC = join(import.meta.dirname);
const MODULES = join(SRC, 'modules');
const WORKFLOWS = join(SRC, 'workflows');
const PLATFORM = join(SRC, 'platform');

function files(dir: string, opts: { tests: boolean }): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, opts);
    return path.endsWith('.ts') && (opts.tests || !path.endsWith('.test.ts')) ? [path] : [];
  });
}

/** Keys of every `interface …Tables { … }` in a source text. */
function declaredTables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/interface \w*Tables(?:\s+extends[^{]*)?\s*\{([\s\S]*?)\n\}/g)) {
    for (const k of m[1]!.matchAll(/^\s+['"]?(\w+)['"]?\??\s*:/gm)) out.push(k[1]!);
  }
  return out;
}

/** table → owner ('platform' or a module folder name). */
export function ownership(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const t of declaredTables(readFileSync(join(SRC, 'db', 'schema.ts'), 'utf8'))) owners.set(t, 'platform');
  for (const mod of readdirSync(MODULES)) {
    for (const f of files(join(MODULES, mod), { tests: false }).filter((p) => p.endsWith('.table.ts'))) {
      for (const t of declaredTables(readFileSync(f, 'utf8'))) {
        if (owners.has(t)) throw new Error(`table ${t} is declared by both ${owners.get(t)} and ${mod}`);
        owners.set(t, mod);
      }
    }
  }
  return owners;
}

const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Tables a source text names: in Kysely calls and in SQL text. Only known table names count. */
export function tablesNamed(text: string, known: Set<string>): string[] {
  const code = stripComments(text);
  const found = new Set<string>();
  const add = (name: string | undefined) => {
    if (name && known.has(name)) found.add(name);
  };
  // Kysely: selectFrom('t'), selectFrom(['a', 'b']), .from('t') after updateTable, joins, sql.table('t'), sql.id('t')
  const calls = /\b(?:selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto|innerJoin|leftJoin|rightJoin|fullJoin|crossJoin|innerJoinLateral|leftJoinLateral|crossJoinLateral|from|using|table|id)\(\s*(\[[^\]]*\]|['"`][^'"`]*['"`])/g;
  for (const m of code.matchAll(calls)) for (const n of m[1]!.matchAll(/['"`](\w+)/g)) add(n[1]);
  // SQL text in any case: FROM/JOIN/INTO/UPDATE/TABLE/USING [ONLY] [schema.]["]name["] [alias], next, …
  const name = String.raw`(?:"?\w+"?\.)?"?\w+"?`;
  const alias = String.raw`(?:\s+(?:as\s+)?(?!where\b|on\b|set\b|join\b|select\b|values\b)\w+)?`;
  const sqlRef = new RegExp(String.raw`\b(?:from|join|into|update|table|using)\s+(?:only\s+)?((?:${name}${alias}\s*,\s*)*${name})`, 'gi');
  for (const m of code.matchAll(sqlRef)) {
    for (const part of m[1]!.split(',')) add(/^\s*(?:"?\w+"?\.)?"?(\w+)"?/.exec(part)?.[1]);
  }
  return [...found];
}

/** Relative imports of a source text (static, side-effect and dynamic), resolved against its folder. */
function importsOf(text: string, file: string): { path: string; typeOnly: boolean }[] {
  const out: { path: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import type|import|export type|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    out.push({ path: join(file, '..', m[2]!), typeOnly: m[1]!.endsWith('type') });
  }
  for (const m of text.matchAll(/^\s*import\s+['"](\.[^'"]+)['"]/gm)) out.push({ path: join(file, '..', m[1]!), typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) out.push({ path: join(file, '..', m[1]!), typeOnly: false });
  return out;
}

interface Violation {
  file: string;
  what: string;
}

/** Every rule broken by one file, given who it belongs to. */
export function violations(file: string, text: string, owners: Map<string, string>): Violation[] {
  const rel = relative(SRC, file).split(sep).join('/');
  const out: Violation[] = [];
  const known = new Set(owners.keys());
  const home = rel.startsWith('modules/') ? rel.split('/')[1]! : rel.startsWith('workflows/') ? 'workflows' : rel.startsWith('platform/') ? 'platform' : null;
  if (home === null) return out;
  if (!rel.endsWith('.test.ts')) {
    for (const t of tablesNamed(text, known)) {
      const owner = owners.get(t)!;
      if (owner !== home) out.push({ file: rel, what: `names table ${t}, which ${owner} owns` });
    }
  }
  for (const { path, typeOnly } of importsOf(text, file)) {
    const to = relative(SRC, path).split(sep).join('/');
    const m = /^modules\/([^/]+)\/(.+)$/.exec(to);
    if (m && m[1] !== home && m[2] !== 'index.ts') out.push({ file: rel, what: `imports ${to}: use modules/${m[1]}/index.ts` });
    if (home === 'platform' && (to.startsWith('modules/') || to.startsWith('workflows/'))) out.push({ file: rel, what: `imports ${to}: the platform depends on no module` });
    // a module's routes are handed the workflows they expose; they only name their type
    if (home !== 'workflows' && to.startsWith('workflows/') && !typeOnly) out.push({ file: rel, what: `imports ${to}: modules do not call workflows` });
  }
  return out;
}

describe('architecture', () => {
  const owners = ownership();
  const sources = [...files(MODULES, { tests: true }), ...files(WORKFLOWS, { tests: true }), ...files(PLATFORM, { tests: true })];

  it('knows who owns each table, from the *.table.ts files, and every table a migration creates has an owner', () => {
    expect(owners.get('point_balances')).toBe('points');
    expect(owners.get('members')).toBe('members');
    expect(owners.get('tiers')).toBe('tiers');
    expect(owners.get('outbox')).toBe('platform');
    const dir = join(SRC, 'db', 'migrations');
    const created = readdirSync(dir).flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)].map((m) => m[1]!));
    expect(created.length).toBeGreaterThanOrEqual(15);
    expect(created.filter((t) => !owners.has(t))).toEqual([]);
  });

  it('no module, workflow or platform file names a table it does not own, or reaches into another module', () => {
    const found = sources.flatMap((f) => violations(f, readFileSync(f, 'utf8'), owners));
    expect(found).toEqual([]);
  });

  it('catches a cross-module table reference and an import from inside another module', () => {
    const members = join(MODULES, 'members', 'member.repository.ts');
    const what = (text: string) => violations(members, text, owners).map((v) => v.what);
    expect(violations(members, "db.selectFrom('point_balances').selectAll()", owners)).toEqual([
      { file: 'modules/members/member.repository.ts', what: 'names table point_balances, which points owns' },
    ]);
    expect(what('sql`SELECT 1 FROM stores s JOIN tiers t ON true`')).toEqual(['names table stores, which stores owns', 'names table tiers, which tiers owns']);
    expect(what('sql`select 1 from public."purchases" p, stores s, tiers`')).toEqual([
      'names table purchases, which purchases owns', 'names table stores, which stores owns', 'names table tiers, which tiers owns',
    ]);
    expect(what("db.selectFrom(['members', 'point_lots']); db.updateTable('members').from('stores'); sql.table('outbox')")).toEqual([
      'names table point_lots, which points owns', 'names table stores, which stores owns', 'names table outbox, which platform owns',
    ]);
    expect(what("import { x } from '../points/points.repository.ts';")).toEqual(['imports modules/points/points.repository.ts: use modules/points/index.ts']);
    expect(what('const m = await import("../points/points.ts");')).toEqual(['imports modules/points/points.ts: use modules/points/index.ts']);
    expect(what("import { recordPurchase } from '../../workflows/record-purchase.ts';")).toEqual(['imports workflows/record-purchase.ts: modules do not call workflows']);
    const flow = join(WORKFLOWS, 'record-purchase.ts');
    expect(violations(flow, "trx.insertInto('purchases')", owners).map((v) => v.what)).toEqual(['names table purchases, which purchases owns']);
    // CTE names and prose are not tables
    expect(what('sql`WITH m AS (SELECT 1) SELECT * FROM m`; // reads FROM purchases')).toEqual([]);
  });

  it("every module's problem codes are in the one composed table, each code declared once", async () => {
    const tables: [string, Record<string, unknown>][] = [];
    for (const f of files(MODULES, { tests: false }).filter((p) => p.endsWith('.errors.ts'))) {
      const mod = (await import(pathToFileURL(f).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) if (name.endsWith('_ERRORS')) tables.push([name, value as Record<string, unknown>]);
    }
    const { PLATFORM_ERRORS } = await import('./platform/errors.ts');
    tables.push(['PLATFORM_ERRORS', PLATFORM_ERRORS]);
    expect(tables.length).toBeGreaterThanOrEqual(4);
    const codes = tables.flatMap(([, t]) => Object.keys(t));
    expect(codes.filter((c, i) => codes.indexOf(c) !== i), 'codes declared twice').toEqual([]);
    for (const [name, t] of tables) for (const [code, spec] of Object.entries(t)) expect(ERRORS[code as keyof typeof ERRORS], `${name}.${code}`).toBe(spec);
    expect(Object.keys(ERRORS).sort()).toEqual([...codes].sort());
  });
});
