import { useEffect, useRef, useState } from 'react';
import { listRules } from '../api/endpoints.ts';
import type { Rule } from '../api/types.ts';

export type RuleNames = ReadonlyMap<string, Pick<Rule, 'name' | 'name_en'>>;
const NONE: RuleNames = new Map();

/**
 * A breakdown names rules by id; this reads every rule of the program (archived ones too:
 * old purchases were earned under them) so the table can show their names. It reads them
 * again only when `ids` names a rule it has neither found nor asked for (a rule made since),
 * not on every new page of a statement. A key that may not read rules (a till) gets an
 * empty map, and the table falls back to the id.
 */
export function useRuleNames(programId: string, ids: readonly string[] = []): RuleNames {
  const [loaded, setLoaded] = useState<{ programId: string; names: RuleNames } | null>(null);
  const asked = useRef(new Set<string>());
  const names = loaded?.programId === programId ? loaded.names : null;
  // a stable key for the effect: 'load' until this program's rules are read, then the ids still unknown
  const missing = names === null ? 'load' : [...new Set(ids.filter((id) => !names.has(id) && !asked.current.has(id)))].sort().join(',');
  useEffect(() => {
    if (!missing) return;
    for (const id of missing.split(',')) asked.current.add(id);
    let live = true;
    Promise.all([listRules(programId), listRules(programId, 'archived')]).then(
      ([open, archived]) => {
        if (live) setLoaded({ programId, names: new Map([...open.items, ...archived.items].map((r) => [r.id, { name: r.name, name_en: r.name_en }])) });
      },
      () => {
        if (live) setLoaded({ programId, names: NONE });
      },
    );
    return () => {
      live = false;
    };
  }, [programId, missing]);
  return names ?? NONE;
}

/** The rule's name in the console's language (English falls back to the Chinese name). */
export const ruleName = (r: Pick<Rule, 'name' | 'name_en'>, lang: string): string => (lang === 'en' && r.name_en ? r.name_en : r.name);
