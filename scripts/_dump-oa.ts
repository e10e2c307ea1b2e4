import { writeFileSync } from 'node:fs';
import { buildApp } from '../src/app.ts';
import type { Services } from '../src/services.ts';
const app = await buildApp({} as Services, { console: false });
await app.ready();
const doc = JSON.parse(JSON.stringify(app.swagger()));
writeFileSync('/tmp/oa.json', JSON.stringify(doc, null, 1));
const ok = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const walk = (o: unknown, path: string) => {
  if (Array.isArray(o)) o.forEach((x, i) => walk(x, `${path}/${i}`));
  else if (o && typeof o === 'object') for (const [k, v] of Object.entries(o)) {
    if (k === 'type' && typeof v === 'string' && !ok.has(v)) console.log(path, v);
    if (k === 'type' && typeof v !== 'string' && !Array.isArray(v) && path.indexOf('properties') < 0) console.log('odd', path, JSON.stringify(v).slice(0, 100));
    walk(v, `${path}/${k}`);
  }
};
walk(doc, '');
process.exit(0);
