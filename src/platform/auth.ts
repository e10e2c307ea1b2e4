import type { FastifyRequest } from 'fastify';
import type { Principal } from './context.ts';
import { forbidden, M, platformFailure } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw platformFailure('unauthorized', M.unauthorized());
  return req.principal;
}

/** The caller must hold one of roles within programId (the bootstrap key holds them all). */
export function authorize(req: FastifyRequest, programId: string, roles: ('admin' | 'pos')[] = ['admin']): Principal {
  const p = principalOf(req);
  if (p.role === 'bootstrap') return p;
  if (p.programId !== programId) throw forbidden(M.other_program());
  if (!roles.includes(p.role)) throw forbidden(M.needs_role({ roles }));
  return p;
}

export function requireBootstrap(req: FastifyRequest): Principal {
  const p = principalOf(req);
  if (p.role !== 'bootstrap') throw forbidden(M.bootstrap_only());
  return p;
}
