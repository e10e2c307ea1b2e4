import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../../api/client.ts';
import { getBalance, getMember, getMemberTier, getStatement, listOpenLots, listStores, listTiers } from '../../../api/endpoints.ts';
import type { Balance, Lot, Member, MemberTier, StatementEntry, Store, Tier } from '../../../api/types.ts';

export interface MemberData {
  member: Member | null;
  balance: Balance | null;
  lots: Lot[] | null;
  statement: StatementEntry[] | null;
  nextCursor: string | null;
  stores: Store[];
  tier: MemberTier | null;
  tiers: Tier[];
  error: ApiError | null;
  loadingMore: boolean;
  /** Re-reads everything a write may have changed: profile, balance, lots and page one of the statement. */
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  setMember(m: Member): void;
  setTier(t: MemberTier): void;
}

/** `withLots`: only admin keys may read lots, so a till does not ask for them. */
export function useMemberData(programId: string, memberId: string, withLots: boolean): MemberData {
  const [member, setMember] = useState<Member | null>(null);
  const [balance, setBalance] = useState<Balance | null>(null);
  const [lots, setLots] = useState<Lot[] | null>(null);
  const [statement, setStatement] = useState<StatementEntry[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [stores, setStores] = useState<Store[]>([]);
  const [tier, setTier] = useState<MemberTier | null>(null);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const [m, b, l, s, mt] = await Promise.all([
        getMember(programId, memberId),
        getBalance(programId, memberId),
        withLots ? listOpenLots(programId, memberId) : { items: [] as Lot[] },
        getStatement(programId, memberId),
        getMemberTier(programId, memberId),
      ]);
      setTier(mt);
      setMember(m);
      setBalance(b);
      setLots(l.items);
      setStatement(s.items);
      setNextCursor(s.next_cursor ?? null);
      setError(null);
    } catch (err) {
      if (err instanceof ApiError) setError(err);
      else throw err;
    }
  }, [programId, memberId, withLots]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // A pos key may not list stores; the purchase form then falls back to the key's own store.
    listStores(programId).then((r) => setStores(r.items), () => setStores([]));
    listTiers(programId).then((r) => setTiers(r.items), () => setTiers([]));
  }, [programId]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await getStatement(programId, memberId, nextCursor);
      setStatement((prev) => [...(prev ?? []), ...page.items]);
      setNextCursor(page.next_cursor ?? null);
    } finally {
      setLoadingMore(false);
    }
  }, [programId, memberId, nextCursor]);

  return { member, balance, lots, statement, nextCursor, stores, tier, tiers, error, loadingMore, refresh, loadMore, setMember, setTier };
}
