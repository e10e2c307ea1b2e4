/**
 * Experiment (not part of the app): loaded into the server with
 * `node --import ./bench/experiments/prepare-statements.ts src/cli.ts serve`
 * by `npm run bench -- --experiment prepared`. PostgreSQL then parses and plans each
 * distinct parameterised statement once per connection instead of on every call (what
 * pgbench -M prepared does), and may switch to a cached generic plan:
 *  - on PostgreSQL (DATABASE_URL set): node-postgres sends it as a NAMED prepared
 *    statement (name = hash of the text);
 *  - on PGlite (one session): `PREPARE p_<hash> AS <text>` once, then
 *    `EXECUTE p_<hash>('…', …)` with the parameters as quoted literals (EXECUTE, a
 *    utility statement, takes no bind parameters); PGlite's own API has no named
 *    statements.
 * At most MAX_PREPARED distinct texts are prepared; the rest run as before. This is the
 * measurement behind the proposed change in src/db/database.ts (see bench/README.md).
 */
import { createHash } from 'node:crypto';

const MAX_PREPARED = 500;
const names = new Map<string, string>();
const CONTROL = /^\s*(begin|commit|rollback|savepoint|release|prepare|execute|deallocate)\b/i;

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED) {
    name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** A parameter as an untyped SQL literal (standard_conforming_strings is on), as PGlite would serialise it. */
function literal(p: unknown): string {
  if (p === null || p === undefined) return 'NULL';
  const text = p instanceof Date ? p.toISOString() : typeof p === 'object' ? JSON.stringify(p) : String(p);
  return `'${text.replaceAll("'", "''")}'`;
}

type Query = (this: unknown, text: unknown, values?: unknown, more?: unknown) => unknown;

if (process.env.DATABASE_URL) {
  const pg = (await import('pg')).default;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  proto.query = function (config, values, callback) {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && !CONTROL.test(config)) {
      const name = nameFor(config);
      if (name) return original.call(this, { name, text: config, values }, callback);
    }
    return original.call(this, config, values, callback);
  };
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  const proto = PGlite.prototype as unknown as { query: Query };
  const original = proto.query;
  const prepared = new WeakMap<object, Set<string>>();
  proto.query = async function (text, params, options) {
    if (typeof text === 'string' && Array.isArray(params) && params.length > 0 && !CONTROL.test(text)) {
      const name = nameFor(text);
      if (name) {
        let done = prepared.get(this as object);
        if (!done) prepared.set(this as object, (done = new Set()));
        if (!done.has(name)) {
          await original.call(this, `PREPARE ${name} AS ${text}`);
          done.add(name);
        }
        return original.call(this, `EXECUTE ${name}(${params.map(literal).join(', ')})`, undefined, options);
      }
    }
    return original.call(this, text, params, options);
  };
}
