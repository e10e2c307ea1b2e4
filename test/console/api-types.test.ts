import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from '../../scripts/gen-api-types.ts';

describe('console API types', () => {
  it('are generated from the current OpenAPI document', async () => {
    const want = await apiTypesSource();
    const have = await readFile(API_TYPES_FILE, 'utf8').catch(() => '');
    if (have !== want) {
      const a = have.split('\n');
      const b = want.split('\n');
      const line = b.findIndex((l, i) => l !== a[i]);
      expect.fail(`console/src/api/schema.ts is stale: run \`npm run gen:api\` (first difference at line ${line + 1}: ${JSON.stringify(a[line])} should be ${JSON.stringify(b[line])})`);
    }
  });
});
