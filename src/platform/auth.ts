import type { FastifyRequest } from 'fastify';
import type { Principal } from './context.ts';
import { DomainError, forbidden } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new DomainError('unauthorized', 'Send a valid API key as "Authorization: Bearer <key>"');
  return req.principal;
}

/** The caller must hold one of roles within programId (the bootstrap key holds them all). */
export function authorize(req: FastifyRequest, programId: string, roles: ('admin' | 'pos')[] = ['admin']): Principal {
  const p = principalOf(req);
  if (p.role === 'bootstrap') return p;
  if (p.programId !== programId) throw forbidden('This key belongs to another program');
  if (!roles.includes(p.role)) throw forbidden(`This needs a key with role ${roles.join(' or ')}`);
  return p;
}

export function requireBootstrap(req: FastifyRequest): Principal {
  const p = principalOf(req);
  if (p.role !== 'bootstrap') throw forbidden('Only the bootstrap admin key may do this');
  return p;
}

/** Whether the caller may see unmasked personal data (pos terminals see it masked). */
export const seesPersonalData = (p: Principal) => p.role !== 'pos';
