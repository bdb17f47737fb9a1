/**
 * README.md's Configuration table, made from `configTable` in src/config.ts.
 *   npx tsx scripts/config-table.ts           prints the table
 *   npx tsx scripts/config-table.ts --write   puts it into README.md
 * test/config.docs.test.ts fails when README.md holds anything else.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { configTable, shownDefault, type Setting } from '../src/config.js';

export const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));

/** The table as Markdown, laid out the way `prettier --check` wants README.md to be. */
export async function configMarkdownTable(): Promise<string> {
  const rows: readonly Setting<unknown>[] = Object.values(configTable);
  const lines = [
    '| variable | default | meaning |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| \`${row.variable}\` | ${shownDefault(row)} | ${row.description} |`),
  ];
  const options = await prettier.resolveConfig(readmePath);
  return prettier.format(`${lines.join('\n')}\n`, { ...options, parser: 'markdown' });
}

/** Where README.md's table is: the run of lines starting with `|` under "## Configuration". */
export function tableLines(readme: string): { lines: string[]; start: number; end: number } {
  const lines = readme.split('\n');
  const heading = lines.indexOf('## Configuration');
  const start = lines.findIndex((line, i) => i > heading && line.startsWith('|'));
  if (heading < 0 || start < 0) throw new Error('README.md has no table under ## Configuration');
  let end = start;
  while (lines[end]?.startsWith('|')) end += 1;
  return { lines, start, end };
}

/** README.md's table as it stands, with its final newline. */
export function readmeTable(readme: string): string {
  const { lines, start, end } = tableLines(readme);
  return `${lines.slice(start, end).join('\n')}\n`;
}

async function main(write: boolean): Promise<void> {
  const table = await configMarkdownTable();
  if (!write) {
    process.stdout.write(table);
    return;
  }
  const readme = await readFile(readmePath, 'utf8');
  const { lines, start, end } = tableLines(readme);
  lines.splice(start, end - start, ...table.trimEnd().split('\n'));
  await writeFile(readmePath, lines.join('\n'));
  console.log(
    `README.md: Configuration table written (${Object.keys(configTable).length} variables).`,
  );
}

// Run as a script, not when a test imports the functions above.
if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  await main(process.argv.includes('--write'));
}
