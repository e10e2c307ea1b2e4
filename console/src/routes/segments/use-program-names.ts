import { useEffect, useState } from 'react';
import { listStores, listTiers } from '../../api/endpoints.ts';
import type { Store, Tier } from '../../api/types.ts';

/** The program's tiers and stores, to name them in conditions and offer them in the editor. */
export function useProgramNames(programId: string) {
  const [names, setNames] = useState<{ tiers: Tier[]; stores: Store[] }>({ tiers: [], stores: [] });
  useEffect(() => {
    let live = true;
    void Promise.all([listTiers(programId), listStores(programId)])
      .then(([tiers, stores]) => { if (live) setNames({ tiers: tiers.items, stores: stores.items }); })
      .catch(() => {});
    return () => { live = false; };
  }, [programId]);
  return names;
}
