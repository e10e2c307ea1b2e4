import { randomFillSync } from 'node:crypto';

// Crockford base32 ULIDs behind a type prefix (mem_01J…): sortable by time, and a log
// line says what an id is.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export type IdPrefix = 'aud' | 'prg' | 'tier' | 'tpe' | 'tfl' | 'tjb' | 'sto' | 'key' | 'mem' | 'pur' | 'ret' | 'rdm' | 'lot' | 'ent' | 'rul' | 'seg' | 'cmp' | 'cjb'
  | 'vpl' | 'vip' | 'vst' | 'vpy' | 'vrf' | 'ref' | 'rwd' | 'rrd' | 'cpt' | 'cpn' | 'cbt' | 'stf'
  | 'rrq' | 'rrn' | 'pol' | 'cns' | 'ntp' | 'msg' | 'cas' | 'cev'
  | 'slp' | 'slc' | 'sla' | 'sug' | 'sgc'
  | 'srv' | 'inv' | 'ans'
  | 'qsc' | 'qsm' | 'qas' | 'qrv' | 'qdp';

// Random bytes are drawn 4 KiB at a time: one call into the CSPRNG per 256 ids instead
// of one per id (three ids per purchase).
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

export function newId(prefix: IdPrefix, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let rand = '';
  for (let i = poolAt; i < poolAt + 16; i++) rand += ALPHABET[pool[i]! % 32];
  poolAt += 16;
  return `${prefix}_${time}${rand}`;
}

const ID_RE = /^[a-z]{2,4}_[0-9A-HJKMNP-TV-Z]{26}$/;
export function isId(value: string, prefix?: IdPrefix): boolean {
  return ID_RE.test(value) && (prefix === undefined || value.startsWith(prefix + '_'));
}
