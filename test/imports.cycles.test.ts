/**
 * No module imports itself round a loop: a cycle means a type or helper lives in the wrong file
 * (the API's serializers once sat in route files, so articles.ts and images.ts imported each other).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Every folder of src/ (and its top-level files through what they import). */
const checked = ['src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The project files a module imports (type-only imports too: they show where types belong). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/gm),
    ...text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g),
  ].map((match) => match[1] ?? '');
  return specifiers
    .map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')))
    .filter((target) => existsSync(target));
}

/** One loop through `start`, if there is one: depth-first search back to where it began. */
function loopThrough(start: string, graph: Map<string, string[]>): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, trail: string[]): string[] | null => {
    for (const next of graph.get(file) ?? []) {
      if (next === start) return [...trail, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

test(`no import cycles in ${checked.join(', ')}`, () => {
  const files = checked.flatMap((folder) => sourceFiles(path.join(root, folder)));
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const loops = files
    .map((file) => loopThrough(file, graph))
    .filter((loop) => loop !== null)
    .map((loop) => loop.map((file) => path.relative(root, file)).join(' → '));
  assert.deepEqual(loops, []);
});

test('the cycle check finds a loop when there is one', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  assert.deepEqual(loopThrough('a', graph), ['a', 'b', 'c', 'a']);
  assert.equal(loopThrough('d', graph), null);
});
