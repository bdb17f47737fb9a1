/**
 * `broadsheet images copy`: every file of one image store into another (a folder into a bucket
 * when a site moves to several servers, a bucket into a folder for a backup). Files already at
 * the target are skipped, so a copy that stopped half-way is finished by running it again; each
 * file's bytes are checked against its name (the hash of its bytes) before they are written.
 */
import { createHash } from 'node:crypto';
import type { ImageStorage } from '../store/image-files.js';

export interface CopyProgress {
  /** Files looked at so far (copied, skipped or failed), of `total`. */
  done: number;
  total: number;
}

export interface CopyReport {
  /** Files in the source store. */
  listed: number;
  copied: number;
  /** Bytes of the files copied. */
  bytes: number;
  /** Already at the target. */
  skipped: number;
  /** Each file that could not be copied, and why. */
  failed: { name: string; reason: string }[];
}

/** A stored file's name starts with the first 32 hex digits of its bytes' SHA-256. */
function matchesName(name: string, bytes: Uint8Array): boolean {
  const stem = name.slice(0, name.indexOf('.'));
  if (!/^[0-9a-f]{32}$/.test(stem)) return true; // not a hash name: nothing to check against
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32) === stem;
}

export async function copyImages(
  from: ImageStorage,
  to: ImageStorage,
  options: { concurrency?: number; onProgress?: (progress: CopyProgress) => void } = {},
): Promise<CopyReport> {
  const names: string[] = [];
  for await (const name of from.list()) names.push(name);
  const report: CopyReport = { listed: names.length, copied: 0, bytes: 0, skipped: 0, failed: [] };
  let next = 0;
  let done = 0;
  const one = async (name: string) => {
    try {
      if (await to.has(name)) {
        report.skipped += 1;
        return;
      }
      const bytes = await from.get(name);
      if (!bytes) {
        report.failed.push({ name, reason: 'gone from the source while copying' });
        return;
      }
      if (!matchesName(name, bytes)) {
        report.failed.push({ name, reason: 'its bytes do not match its name (damaged?)' });
        return;
      }
      await to.put(name, bytes);
      report.copied += 1;
      report.bytes += bytes.length;
    } catch (error) {
      report.failed.push({ name, reason: (error as Error).message.split('\n')[0] ?? 'failed' });
    } finally {
      done += 1;
      options.onProgress?.({ done, total: names.length });
    }
  };
  // A few at once: an object store answers each request slowly, but many at a time.
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 8) }, async () => {
    while (next < names.length) await one(names[next++]!);
  });
  await Promise.all(workers);
  report.failed.sort((a, b) => a.name.localeCompare(b.name));
  return report;
}
