import { ttlCache } from '../../platform/cache.ts';
import type { Ctx, Principal } from '../../platform/context.ts';
import { notFound, validation } from '../../platform/errors.ts';
import type { StoreService } from '../stores/index.ts';
import { API_KEY_MESSAGES } from './api-key.errors.ts';
import { newId } from '../../platform/ids.ts';
import { randomToken, sha256 } from '../../platform/crypto.ts';
import type { ApiKeyRow, Role } from './api-key.table.ts';

// Keys are looked up on every request; a short cache keeps that cheap. Revocation in this
// process clears it at once, elsewhere within the TTL.
const CACHE_TTL_MS = 10_000;

const toPrincipal = (r: ApiKeyRow): Principal => ({ keyId: r.id, name: r.name, role: r.role, programId: r.program_id, storeId: r.store_id });
const toKey = (r: ApiKeyRow) => ({
  id: r.id, name: r.name, role: r.role, store_id: r.store_id, prefix: r.key_prefix,
  created_at: r.created_at.toISOString(), revoked_at: r.revoked_at?.toISOString() ?? null,
});

export function apiKeyService(ctx: Ctx, deps: { stores: StoreService }) {
  const cache = ttlCache<string, Principal | null>(ctx, { ttlMs: CACHE_TTL_MS, max: 10_000 });

  async function insert(programId: string | null, role: Role, name: string, storeId: string | null, plain?: string) {
    const key = plain ?? `pk_${role === 'bootstrap' ? 'boot' : role}_${randomToken(24)}`;
    const row = await ctx.db.insertInto('api_keys').values({
      id: newId('key'), program_id: programId, store_id: storeId, name, role, key_hash: sha256(key), key_prefix: key.slice(0, 12),
    }).returningAll().executeTakeFirstOrThrow();
    return { ...toKey(row), key };
  }

  return {
    async authenticate(plain: string): Promise<Principal | null> {
      const hash = sha256(plain);
      const hit = cache.get(hash);
      if (hit !== undefined) return hit;
      const row = await ctx.db.selectFrom('api_keys').selectAll().where('key_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
      const principal = row ? toPrincipal(row) : null;
      cache.set(hash, principal);
      return principal;
    },
    async create(programId: string, input: { name: string; role: 'admin' | 'pos'; store_id?: string | null }) {
      if (input.role === 'pos' && !input.store_id) return validation('store_id', API_KEY_MESSAGES.pos_store());
      if (input.role === 'admin' && input.store_id) return validation('store_id', API_KEY_MESSAGES.admin_store());
      if (input.store_id && !(await deps.stores.exists(programId, input.store_id))) return notFound('store', 'store_id');
      return insert(programId, input.role, input.name, input.store_id ?? null);
    },
    async list(programId: string) {
      const rows = await ctx.db.selectFrom('api_keys').selectAll().where('program_id', '=', programId).orderBy('created_at').execute();
      return rows.map(toKey);
    },
    /**
     * Names of these keys, by id, in one query: the program's keys (revoked ones too:
     * they still did what they did) and the bootstrap key, which belongs to no program and acts in every one.
     */
    async names(programId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      const rows = await ctx.db.selectFrom('api_keys').select(['id', 'name']).where('id', 'in', [...ids])
        .where((w) => w.or([w('program_id', '=', programId), w.and([w('program_id', 'is', null), w('role', '=', 'bootstrap')])])).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
    async revoke(programId: string, keyId: string) {
      const row = await ctx.db.updateTable('api_keys').set({ revoked_at: new Date() })
        .where('program_id', '=', programId).where('id', '=', keyId).where('revoked_at', 'is', null).returningAll().executeTakeFirst();
      if (!row) return notFound('api key', 'key_id');
      cache.clear();
    },
    /**
     * Makes sure a bootstrap admin key exists. With a plain key given (PATRON_BOOTSTRAP_KEY)
     * that key is registered; otherwise one is made the first time. Returns the plain key
     * when it is known to this call.
     */
    async ensureBootstrap(plain?: string): Promise<{ key: string | null; created: boolean }> {
      if (plain) {
        const found = await ctx.db.selectFrom('api_keys').select('id').where('key_hash', '=', sha256(plain)).executeTakeFirst();
        if (!found) await insert(null, 'bootstrap', 'bootstrap admin', null, plain);
        return { key: plain, created: !found };
      }
      const any = await ctx.db.selectFrom('api_keys').select('id').where('role', '=', 'bootstrap').where('revoked_at', 'is', null).executeTakeFirst();
      if (any) return { key: null, created: false };
      const made = await insert(null, 'bootstrap', 'bootstrap admin', null);
      return { key: made.key, created: true };
    },
  };
}
export type ApiKeyService = ReturnType<typeof apiKeyService>;
