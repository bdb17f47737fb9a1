/**
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again (decisions/0088-heap-growth.md).
 *
 * V8 picks that factor itself, up to 4× on a machine with several gigabytes of memory. Under
 * load a server promotes short-lived objects (requests in flight at a scavenge) to the old
 * generation; with a live heap of about 50 MB the old generation then grew to 120 MB before a
 * mark-compact, and the process's RSS from about 175 MiB to 220–265 MiB. At 1.5× it stays near
 * 175 MiB, at no measurable CPU cost per request.
 */
import v8 from 'node:v8';

/** The old generation may grow to 1.5× the live heap between full collections. */
export const heapGrowingPercent = 50;

/**
 * The V8 flag to set, or null when the operator gave one on the command line
 * (`node --heap-growing-percent=N dist/cli/main.js serve`; workers inherit it): theirs wins.
 * Node refuses the flag in NODE_OPTIONS, so the command line is the only place for it.
 */
export function heapGrowthFlag(execArgv: readonly string[]): string | null {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return null;
  return `--heap-growing-percent=${heapGrowingPercent}`;
}

/** Sets the flag for this process (V8 reads it at every full collection); true if it did. */
export function limitHeapGrowth(): boolean {
  const flag = heapGrowthFlag(process.execArgv);
  if (flag === null) return false;
  v8.setFlagsFromString(flag);
  return true;
}
