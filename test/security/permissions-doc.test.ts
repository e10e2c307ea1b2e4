import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { permissionsDoc, PERMISSIONS_DOC } from '../../scripts/gen-permissions.ts';

describe('docs/permissions.md', () => {
  it('is the matrix and the routes as they are (run node scripts/gen-permissions.ts after changing either)', async () => {
    expect(await readFile(PERMISSIONS_DOC, 'utf8')).toBe(await permissionsDoc());
  });
});
