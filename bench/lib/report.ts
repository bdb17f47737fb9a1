/**
 * docs/performance.md as sections, one per benchmark, so that a run of a few benchmarks
 * (`npm run bench -- NAME`) replaces their sections and keeps the others' figures, each section
 * saying which run measured it.
 */

/** One benchmark's part of the file: `## name` and everything up to the next heading. */
export interface Section {
  name: string;
  text: string;
}

/** The heading of the prose part, which is not a benchmark's section. */
export const howHeading = 'How the figures are made';

/** Which run measured a section: the line under its heading. */
export function runLine(run: { startedAt: string; commit: string; load: string }): string {
  return `Measured in the run of ${run.startedAt} at commit ${run.commit}; load average before that run: ${run.load}.`;
}

/** The benchmark sections of a performance.md written before (none if there is no file). */
export function sectionsOf(previous: string | null): Section[] {
  if (!previous) return [];
  // Files written before sections named their run carry it once, in the header.
  const header =
    /run (\S+) at commit\s+(.+?) on .*?before the run: ([\d., ]+?);/s.exec(previous) ?? null;
  const chunks = previous.split(/\n(?=## )/);
  return chunks
    .filter((chunk) => chunk.startsWith('## '))
    .map((chunk) => {
      const name = chunk.slice(3, chunk.indexOf('\n') === -1 ? undefined : chunk.indexOf('\n'));
      let text = chunk.trimEnd();
      if (header && !text.includes('Measured in the run of')) {
        const [first, ...rest] = text.split('\n');
        const line = runLine({ startedAt: header[1]!, commit: header[2]!, load: header[3]! });
        text = [first, '', line, ...rest].join('\n');
      }
      return { name: name.trim(), text };
    })
    .filter((s) => s.name !== howHeading);
}

/**
 * The sections to write: those of this run, each in the place its earlier section had (new ones
 * at the end), and the earlier sections of benchmarks this run did not run, unchanged.
 */
export function mergeSections(earlier: readonly Section[], fresh: readonly Section[]): Section[] {
  const freshByName = new Map(fresh.map((s) => [s.name, s]));
  const merged = earlier.map((s) => freshByName.get(s.name) ?? s);
  const placed = new Set(earlier.map((s) => s.name));
  return [...merged, ...fresh.filter((s) => !placed.has(s.name))];
}

/** Targets met and set, and failed scripts, counted over the sections' tables. */
export function tally(sections: readonly Section[]): { met: number; set: number; failed: number } {
  let met = 0;
  let set = 0;
  let failed = 0;
  for (const { text } of sections) {
    if (text.includes('**The script failed:**')) failed++;
    for (const line of text.split('\n')) {
      if (!line.startsWith('| ')) continue;
      if (/\| yes \|$/.test(line)) {
        met++;
        set++;
      } else if (/\| \*\*no\*\* \|$/.test(line)) set++;
    }
  }
  return { met, set, failed };
}
