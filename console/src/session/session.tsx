import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onUnauthorized, storeCsrf, storedCsrf, storeKey, storedKey } from '../api/client.ts';
import { fetchMe, getProgram, listPrograms } from '../api/endpoints.ts';
import type { Me, ProgramSummary } from '../api/types.ts';
import { signInWithPassword, signOutSession, type SignInBody } from '../api/staff.ts';

const PROGRAM_STORAGE = 'patron.programId';

export interface Session {
  me: Me;
  programs: ProgramSummary[];
  /** The program every screen works in; null only when the key sees no program at all. */
  program: ProgramSummary | null;
  selectProgram(id: string): void;
  signOut(): void;
  /** Whether the signed-in role holds a permission (docs/permissions.md): screens show what it allows. */
  can(permission: string): boolean;
  /** Reads who is signed in again (after a password change). */
  refresh(): Promise<void>;
}

interface SessionState {
  session: Session | null;
  /** True while a stored key is being checked at start-up. */
  restoring: boolean;
  signIn(key: string): Promise<void>;
  /** A person signs in with username and password (and a TOTP code when asked): a cookie session. */
  signInPassword(body: SignInBody): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

async function loadPrograms(me: Me): Promise<ProgramSummary[]> {
  if (me.program_id === null) return (await listPrograms()).items;
  try {
    return [await getProgram(me.program_id)];
  } catch {
    // A pos key may not read program settings; the id is all the screens need.
    return [{ id: me.program_id, name: me.program_id, time_zone: '', currency: 'CNY', earn_rate: { points: 0, per_fen: 0 }, pending_days: 0 }];
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [programs, setPrograms] = useState<ProgramSummary[]>([]);
  const [programId, setProgramId] = useState<string | null>(() => sessionStorage.getItem(PROGRAM_STORAGE));
  const [restoring, setRestoring] = useState(() => storedKey() !== null || storedCsrf() !== null);

  const adopt = useCallback(async (who: Me) => {
    const visible = await loadPrograms(who);
    setPrograms(visible);
    setProgramId((current) => (visible.some((p) => p.id === current) ? current : (visible[0]?.id ?? null)));
    setMe(who);
  }, []);

  const establish = useCallback(async (key: string) => {
    const who = await fetchMe(key);
    storeKey(key);
    try {
      await adopt(who);
    } catch (err) {
      storeKey(null);
      throw err;
    }
  }, [adopt]);

  const signInPassword = useCallback(async (body: SignInBody) => {
    storeKey(null);
    const r = await signInWithPassword(body);
    storeCsrf(r.csrf_token);
    await adopt(r.me);
  }, [adopt]);

  useEffect(() => {
    const key = storedKey();
    // a key signs in again from this tab's storage; a person's cookie session from the CSRF token any tab kept
    const restore = key !== null ? establish(key).catch(() => storeKey(null))
      : storedCsrf() !== null ? fetchMe().then(adopt).catch(() => storeCsrf(null)) : null;
    if (restore) void restore.finally(() => setRestoring(false));
  }, [establish, adopt]);

  useEffect(() => {
    if (programId) sessionStorage.setItem(PROGRAM_STORAGE, programId);
  }, [programId]);

  const signOut = useCallback(() => {
    if (storedCsrf() !== null && storedKey() === null) void signOutSession().catch(() => {});
    storeCsrf(null);
    storeKey(null);
    sessionStorage.removeItem(PROGRAM_STORAGE);
    setMe(null);
    setPrograms([]);
    setProgramId(null);
  }, []);

  useEffect(() => onUnauthorized(signOut), [signOut]);

  const value = useMemo<SessionState>(() => {
    const session: Session | null = me && {
      me,
      programs,
      program: programs.find((p) => p.id === programId) ?? null,
      selectProgram: setProgramId,
      signOut,
      can: (permission: string) => me.permissions.includes(permission),
      refresh: async () => adopt(await fetchMe()),
    };
    return { session, restoring, signIn: establish, signInPassword };
  }, [me, programs, programId, restoring, establish, signInPassword, signOut, adopt]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSessionState(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSessionState outside SessionProvider');
  return state;
}

/** For screens behind the sign-in guard, where a session always exists. */
export function useSession(): Session {
  const { session } = useSessionState();
  if (!session) throw new Error('useSession without a signed-in session');
  return session;
}
