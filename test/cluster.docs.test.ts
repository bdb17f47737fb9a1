/**
 * docs/deploy.md shows the files the cluster test runs (so the test follows the guide as
 * written), and the migration rule it states holds for the migrations written since.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The fenced code blocks of a Markdown text, with their language. */
function blocks(markdown: string): { language: string; text: string }[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
    language: m[1]!,
    text: m[2]!,
  }));
}

test('docs/deploy.md shows the nginx configuration, unit and environment files as they are', () => {
  const shown = blocks(read('docs/deploy.md'));
  for (const [language, file] of [
    ['nginx', 'deploy/nginx-broadsheet.conf'],
    ['ini', 'deploy/broadsheet.service'],
    ['sh', 'deploy/broadsheet.env'],
  ] as const) {
    const block = shown.find((b) => b.language === language);
    assert.ok(block, `docs/deploy.md has a ${language} block`);
    assert.equal(block.text, read(file), `the ${language} block of docs/deploy.md is ${file}`);
  }
});

/**
 * Migrations that remove or rename something in `up`, each with the release whose code stopped
 * using it (docs/deploy.md, "Upgrading while old servers still run"). 0012 predates the rule.
 */
const removals: Record<string, string> = {
  '0012_imports.ts': 'before the rule (an SQLite table rebuilt in one transaction)',
};

test('migrations only add, unless listed with the release that stopped using what they remove', () => {
  const folder = 'src/store/migrations';
  const destructive =
    /\b(dropTable|dropColumn|renameTo|renameColumn|alterColumn)\b|\b(drop\s+(table|column)|rename\s+(to|column))\b/i;
  const offending = readdirSync(path.join(root, folder))
    .filter((name) => /^\d{4}_.*\.ts$/.test(name) && !(name in removals))
    .filter((name) => {
      const text = read(`${folder}/${name}`);
      const down = text.indexOf('export async function down');
      return destructive.test(down >= 0 ? text.slice(0, down) : text);
    });
  assert.deepEqual(offending, [], 'see docs/deploy.md: add now, remove one release later');
});
