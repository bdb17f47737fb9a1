/**
 * The common-password list maintained by the zxcvbn-ts project (tens of thousands of leaked
 * passwords, most frequent first). Only entries long enough to pass the length rule matter, so
 * only those are kept in memory.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { minPasswordLength } from '../domain/password-policy.js';

let common: Set<string> | undefined;

function load(): Set<string> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve('@zxcvbn-ts/language-common/package.json'));
  const list = JSON.parse(readFileSync(path.join(root, 'src/passwords.json'), 'utf8')) as string[];
  return new Set(list.filter((p) => p.length >= minPasswordLength).map((p) => p.toLowerCase()));
}

export function isCommonPassword(lowercased: string): boolean {
  common ??= load();
  return common.has(lowercased);
}
