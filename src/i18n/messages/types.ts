/** A translation of an English namespace: every key English has, and only those. */
export type Catalogue<English> = { readonly [K in keyof English]: string };
