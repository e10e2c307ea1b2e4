import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The structure the next module's author can rely on (docs/architecture.md):
// - a module's files name only its own tables; the owner of each table is the module whose
//   `*.table.ts` declares it (its `…Tables` interface), the platform's are in db/schema.ts;
// - a module reaches another module only through that module's index.ts;
// - a workflow (src/workflows/) names no table at all and uses modules' index.ts only.

const SRC = join(import.meta.dirname);
const MODULES = join(SRC, 'modules');
const WORKFLOWS = join(SRC, 'workflows');
const PLATFORM = join(SRC, 'platform');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Keys of every `interface …Tables { … }` in a source text. */
function declaredTables(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/interface \w*Tables(?:\s+extends[^{]*)?\s*\{([\s\S]*?)\n\}/g)) {
    for (const k of m[1]!.matchAll(/^ {2}(\w+)\s*:/gm)) out.push(k[1]!);
  }
  return out;
}

/** table → owner ('platform' or a module folder name). */
export function ownership(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const t of declaredTables(readFileSync(join(SRC, 'db', 'schema.ts'), 'utf8'))) owners.set(t, 'platform');
  for (const mod of readdirSync(MODULES)) {
    for (const f of files(join(MODULES, mod)).filter((p) => p.endsWith('.table.ts'))) {
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
  const patterns = [
    /\b(?:selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin|table)\(\s*['"`](\w+)/g,
    /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|EXISTS \(SELECT 1 FROM)\s+(?:ONLY\s+)?(\w+)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) if (known.has(m[1]!)) found.add(m[1]!);
  return [...found];
}

/** Relative imports of a source text, resolved against its folder. */
function importsOf(text: string, file: string): { path: string; typeOnly: boolean }[] {
  return [...text.matchAll(/^\s*(import type|import|export type|export)[^'"]*from\s+'(\.[^']+)'/gm)]
    .map((m) => ({ path: join(file, '..', m[2]!), typeOnly: m[1]!.endsWith('type') }));
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
  for (const t of tablesNamed(text, known)) {
    const owner = owners.get(t)!;
    if (owner !== home) out.push({ file: rel, what: `names table ${t}, which ${owner} owns` });
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
  const sources = [...files(MODULES), ...files(WORKFLOWS), ...files(PLATFORM)];

  it('knows who owns each table, from the *.table.ts files', () => {
    expect(owners.get('point_balances')).toBe('points');
    expect(owners.get('members')).toBe('members');
    expect(owners.get('tiers')).toBe('programs');
    expect(owners.get('outbox')).toBe('platform');
    expect(owners.size).toBeGreaterThanOrEqual(15);
  });

  it('no module, workflow or platform file names a table it does not own, or reaches into another module', () => {
    const found = sources.flatMap((f) => violations(f, readFileSync(f, 'utf8'), owners));
    expect(found).toEqual([]);
  });

  it('catches a cross-module table reference and an import from inside another module', () => {
    const members = join(MODULES, 'members', 'member.repository.ts');
    expect(violations(members, "db.selectFrom('point_balances').selectAll()", owners)).toEqual([
      { file: 'modules/members/member.repository.ts', what: 'names table point_balances, which points owns' },
    ]);
    expect(violations(members, 'sql`SELECT 1 FROM stores s JOIN tiers t ON true`', owners).map((v) => v.what)).toEqual([
      'names table stores, which stores owns', 'names table tiers, which programs owns',
    ]);
    expect(violations(members, "import { x } from '../points/points.repository.ts';", owners).map((v) => v.what)).toEqual([
      'imports modules/points/points.repository.ts: use modules/points/index.ts',
    ]);
    const flow = join(WORKFLOWS, 'record-purchase.ts');
    expect(violations(flow, "trx.insertInto('purchases')", owners).map((v) => v.what)).toEqual(['names table purchases, which purchases owns']);
    // CTE names and prose are not tables
    expect(violations(members, 'sql`WITH m AS (SELECT 1) SELECT * FROM m`; // reads FROM purchases', owners)).toEqual([]);
  });
});
