import type { suggestionsZh } from './suggestions.zh.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type SuggestionsMessages = Widen<typeof suggestionsZh>;
