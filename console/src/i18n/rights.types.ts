import type { rightsZh } from './rights.zh.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type RightsMessages = Widen<typeof rightsZh>;
