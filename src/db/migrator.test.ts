import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitStatements } from './migrator.ts';

describe('splitStatements', () => {
  it('splits on top-level semicolons and drops empty pieces', () => {
    expect(splitStatements('CREATE TABLE a (x int);\nCREATE TABLE b (y int);\n\n;  ;\n')).toEqual(['CREATE TABLE a (x int)', 'CREATE TABLE b (y int)']);
    expect(splitStatements('SELECT 1')).toEqual(['SELECT 1']);
    expect(splitStatements('')).toEqual([]);
  });

  it('keeps semicolons inside single-quoted strings, including doubled quotes', () => {
    expect(splitStatements("INSERT INTO t VALUES ('a;b'); SELECT 'it''s; fine', ';'; SELECT 3")).toEqual([
      "INSERT INTO t VALUES ('a;b')", "SELECT 'it''s; fine', ';'", 'SELECT 3',
    ]);
  });

  it('keeps semicolons inside double-quoted identifiers', () => {
    expect(splitStatements('CREATE TABLE "odd;name" (x int); SELECT 1')).toEqual(['CREATE TABLE "odd;name" (x int)', 'SELECT 1']);
  });

  it('ignores semicolons and quotes inside -- comments, and drops comment-only pieces', () => {
    expect(splitStatements("-- don't; split here\nSELECT 1; -- trailing; comment\n-- last words")).toEqual([
      "-- don't; split here\nSELECT 1",
    ]);
    expect(splitStatements('SELECT 1 -- no newline at the end; really')).toEqual(['SELECT 1 -- no newline at the end; really']);
  });

  it('ignores semicolons and quotes inside /* block */ comments', () => {
    expect(splitStatements("/* it's; here */ SELECT 1; SELECT /* a; /* nested; */ b */ 2")).toEqual([
      "/* it's; here */ SELECT 1", 'SELECT /* a; /* nested; */ b */ 2',
    ]);
  });

  it('keeps $$ function bodies whole', () => {
    const fn = `CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now(); -- inside the body; not a split
  RETURN NEW;
END;
$$ LANGUAGE plpgsql`;
    expect(splitStatements(`${fn};\nSELECT 2;`)).toEqual([fn, 'SELECT 2']);
  });

  it('keeps tagged $tag$ bodies whole, tags with digits too, and $1 is no tag', () => {
    const a = "DO $body$ BEGIN PERFORM 1; RAISE NOTICE '$$;'; END $body$";
    const b = 'CREATE FUNCTION f() RETURNS int AS $fn1$ SELECT 1; $fn1$ LANGUAGE sql';
    const c = 'PREPARE q(int) AS SELECT $1';
    expect(splitStatements(`${a}; ${b}; ${c}; SELECT 4`)).toEqual([a, b, c, 'SELECT 4']);
  });

  it("keeps E'…' strings with backslash-escaped quotes whole", () => {
    expect(splitStatements("SELECT E'it\\'s; here'; SELECT e'\\\\'; SELECT 3")).toEqual(["SELECT E'it\\'s; here'", "SELECT e'\\\\'", 'SELECT 3']);
    // a plain string ending in a backslash is not an escape (standard_conforming_strings)
    expect(splitStatements("SELECT 'C:\\'; SELECT 2")).toEqual(["SELECT 'C:\\'", 'SELECT 2']);
  });

  it('splits every shipped migration into single DDL statements with balanced parentheses', () => {
    const dir = join(import.meta.dirname, 'migrations');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      const statements = splitStatements(text);
      // one statement per top-level semicolon: the shipped files keep ';' at line ends
      expect(statements.length, file).toBe(text.split('\n').filter((l) => /;\s*(--.*)?$/.test(l) && !/^\s*--/.test(l)).length);
      for (const s of statements) {
        const code = s.replace(/--[^\n]*/g, '').trim();
        expect(code, file).toMatch(/^(CREATE|ALTER|DROP|COMMENT ON|INSERT INTO|UPDATE|ANALYZE) /);
        expect(code.split('(').length, code.slice(0, 60)).toBe(code.split(')').length);
      }
    }
  });
});
