import { FIELD } from '../../platform/i18n.ts';
import { z } from 'zod';
import { zId, zText } from '../../platform/schema.ts';

export const ZStoreCreate = z.strictObject({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, FIELD.code.key),
  name: zText(100),
  address: zText(300).nullable().optional(),
}).meta({ id: 'StoreCreate' });
export const ZStoreUpdate = ZStoreCreate.partial().meta({ id: 'StoreUpdate' });
export const ZStoreParams = z.strictObject({ program_id: zId('prg'), store_id: zId('sto') });
export const ZStore = z.object({
  id: z.string(), code: z.string(), name: z.string(), address: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
}).meta({ id: 'Store' });
export type TStoreCreate = z.infer<typeof ZStoreCreate>;
export type TStoreUpdate = z.infer<typeof ZStoreUpdate>;
