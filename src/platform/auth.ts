import type { FastifyRequest } from 'fastify';
import type { Principal } from './context.ts';
import { forbidden, M, platformFailure } from './errors.ts';
import { type Permission, roleCan } from './permissions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** The permission the route needs: checked before the body is validated (app.ts), and again by the handler's authorize. */
    permission?: Permission;
    /** Runs when a caller of the program lacks the permission, before the 403: a refused reveal of personal data is audited. */
    onRefused?: (req: FastifyRequest) => Promise<void>;
    /**
     * A /v1 route without a permission says why: `public` needs no caller at all (sign-in), `self`
     * acts on the caller's own account or checks the caller in its handler (test/security/every-route lists them).
     */
    access?: 'public' | 'self';
    /** Still open to a staff member whose password was reset and must be changed first. */
    duringPasswordChange?: true;
  }
  interface FastifyInstance {
    /** Every /v1 route (`METHOD /url`) and the permission it declares, or its `access` (null: neither, a mistake): test/security walks it. */
    routePermissions: Map<string, Permission | 'public' | 'self' | null>;
    /** Routes outside /v1 (no key, no session): health, docs, media, the console, survey links. */
    publicRoutes: Set<string>;
  }
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw platformFailure('unauthorized', M.unauthorized());
  return req.principal;
}

/**
 * Whether the principal holds permission. An admin API key is a machine (a CRM sync, BI) and
 * reads personal data whole; people, administrators included, reveal it with a purpose.
 */
export function can(p: Principal, permission: Permission): boolean {
  if (roleCan(p.role, permission)) return true;
  return permission === 'pii.read' && p.role === 'admin' && !p.staffId;
}

/** The caller must act within programId (the bootstrap key acts in all) and hold the permission (docs/permissions.md). */
export function authorize(req: FastifyRequest, programId: string, need: Permission): Principal {
  const p = principalOf(req);
  if (p.role === 'bootstrap') return p;
  if (p.programId !== programId) throw forbidden(M.other_program());
  if (!can(p, need)) throw forbidden(M.needs_permission({ permission: need }), need);
  return p;
}

export function requireBootstrap(req: FastifyRequest): Principal {
  const p = principalOf(req);
  if (p.role !== 'bootstrap') throw forbidden(M.bootstrap_only());
  return p;
}
