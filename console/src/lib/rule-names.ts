import { useEffect, useState } from 'react';
import { listRules } from '../api/endpoints.ts';
import type { Rule } from '../api/types.ts';

export type RuleNames = ReadonlyMap<string, Pick<Rule, 'name' | 'name_en'>>;

/**
 * A breakdown names rules by id; this reads every rule of the program (archived ones too:
 * old purchases were earned under them) so the table can show their names. A key that may
 * not read rules (a till) gets an empty map and the table falls back to the id.
 */
export function useRuleNames(programId: string, reloadKey: unknown = null): RuleNames {
  const [names, setNames] = useState<RuleNames>(new Map());
  useEffect(() => {
    let live = true;
    Promise.all([listRules(programId), listRules(programId, 'archived')]).then(
      ([open, archived]) => {
        if (live) setNames(new Map([...open.items, ...archived.items].map((r) => [r.id, { name: r.name, name_en: r.name_en }])));
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [programId, reloadKey]);
  return names;
}

/** The rule's name in the console's language (English falls back to the Chinese name). */
export const ruleName = (r: Pick<Rule, 'name' | 'name_en'>, lang: string): string => (lang === 'en' && r.name_en ? r.name_en : r.name);
