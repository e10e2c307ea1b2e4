import { Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { get } from '../api/client.ts';
import type { components } from '../api/schema.ts';
import { useSession } from '../session/session.tsx';
import { ShortId } from './short-id.tsx';

// Rows record who did something as an id (`stf_…`, `key_…`, `system`); an operator wants a name.
// Every <ActorName> rendered in the same tick joins one GET …/actors (at most 100 ids a call, the
// API's limit); answers are kept per program for the session (names change rarely, and a stale one
// is still the same person).

export type NamedActor = components['schemas']['NamedActor'];

const MAX_IDS = 100;
const known = new Map<string, Map<string, NamedActor>>();
const asked = new Map<string, Map<string, Promise<NamedActor>>>();
const queued = new Map<string, Map<string, (a: NamedActor) => void>>();
let flushing: ReturnType<typeof setTimeout> | null = null;

const unknown = (id: string): NamedActor => ({ id, name: null, kind: 'unknown' });

function flush() {
  flushing = null;
  for (const [pid, waiting] of queued) {
    queued.delete(pid);
    const ids = [...waiting.keys()];
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const chunk = ids.slice(i, i + MAX_IDS);
      get<{ items: NamedActor[] }>(`/v1/programs/${encodeURIComponent(pid)}/actors?ids=${chunk.map(encodeURIComponent).join(',')}`).then(
        (r) => {
          const byId = new Map(r.items.map((a) => [a.id, a]));
          const cache = known.get(pid) ?? new Map<string, NamedActor>();
          known.set(pid, cache);
          for (const id of chunk) {
            const a = byId.get(id) ?? unknown(id);
            cache.set(id, a);
            waiting.get(id)!(a);
          }
        },
        // a failed look-up shows the short id now and is asked again by the next screen
        () => { for (const id of chunk) { asked.get(pid)?.delete(id); waiting.get(id)!(unknown(id)); } },
      );
    }
  }
}

/** The actor's name, through the batch: from the cache when it is there. */
export function lookUpActor(pid: string, id: string): Promise<NamedActor> {
  const hit = known.get(pid)?.get(id);
  if (hit) return Promise.resolve(hit);
  const inFlight = asked.get(pid)?.get(id);
  if (inFlight) return inFlight;
  const promise = new Promise<NamedActor>((resolve) => {
    const waiting = queued.get(pid) ?? new Map<string, (a: NamedActor) => void>();
    queued.set(pid, waiting);
    waiting.set(id, resolve);
  });
  const programAsked = asked.get(pid) ?? new Map<string, Promise<NamedActor>>();
  asked.set(pid, programAsked);
  programAsked.set(id, promise);
  flushing ??= setTimeout(flush, 0);
  return promise;
}

/** The named actor, or undefined while it is being looked up (a cached name comes at once). */
export function useActor(id: string | null | undefined): NamedActor | undefined {
  const { program } = useSession();
  const pid = program?.id ?? '';
  const [actor, setActor] = useState<NamedActor | undefined>(() => (id ? known.get(pid)?.get(id) : undefined));
  useEffect(() => {
    if (!id) return;
    if (!pid) {
      setActor(unknown(id));
      return;
    }
    const hit = known.get(pid)?.get(id);
    if (hit) {
      setActor(hit);
      return;
    }
    setActor(undefined);
    let live = true;
    void lookUpActor(pid, id).then((a) => { if (live) setActor(a); });
    return () => { live = false; };
  }, [pid, id]);
  return actor?.id === id ? actor : undefined;
}

/** The text for an actor: a person's name, a key's name marked as a key, 系统 / System; null when unknown. */
export function useActorText(id: string | null | undefined): string | null {
  const { t } = useTranslation();
  return actorText(useActor(id), t);
}

function actorText(actor: NamedActor | undefined, t: TFunction): string | null {
  if (!actor) return null;
  if (actor.kind === 'system') return t('actor.system');
  if (actor.name === null) return null;
  return actor.kind === 'api_key' ? t('actor.apiKey', { name: actor.name }) : actor.name;
}

/**
 * Who did it, by name: a staff member's display name, an API key's name, 系统 / System; an id
 * this program does not know (deleted, another program's) stays the short id. Null shows `fallback`.
 */
export function ActorName({ id, fallback }: { id: string | null | undefined; fallback?: string }) {
  const { t } = useTranslation();
  const actor = useActor(id);
  const text = actorText(actor, t);
  if (!id) return <>{fallback ?? t('common.none')}</>;
  if (text === null) return actor ? <ShortId id={id} /> : <span data-actor={id} style={{ opacity: 0.5 }}>…</span>;
  return (
    <Tooltip title={id}>
      <span data-actor={id} data-actor-kind={actor?.kind}>{text}</span>
    </Tooltip>
  );
}
