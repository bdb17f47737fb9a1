/**
 * What one upload costs: the files made from a 12-megapixel and a 2-megapixel JPEG of random
 * noise (the worst case for every encoder), with time, sizes and the process's memory.
 * Run: npx tsx bench/image-processing.ts
 *
 * Like every script here it ends with a BENCH_RESULT line for bench/run.ts (without one the
 * runner counts the script as failed, which is what the run of 2026-11-27 recorded), also when
 * an upload fails. Its output once stopped part-way inside \`npm run bench\`: the runner had been
 * stopped while the script ran detached, so the script lost its reader (decisions/0088).
 */
import sharp from 'sharp';
import { processImage } from '../src/services/image-processing.js';
import { printResult, type ResultRow } from './lib/load.js';

const noise = (width: number, height: number) =>
  sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 128, g: 128, b: 128 },
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 88 })
    .toBuffer();

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
const rows: ResultRow[] = [];

for (const [width, height] of [
  [4000, 3000],
  [1920, 1080],
] as const) {
  try {
    await upload(width, height);
  } catch (error) {
    // Still a BENCH_RESULT line, with what failed, so that the runner says why.
    console.error(error);
    rows.push({
      figure: `${width}×${height} JPEG upload`,
      value: `failed: ${(error as Error).message}`,
      met: false,
    });
    process.exitCode = 1;
  }
}
rows.push({
  figure: 'process RSS after both uploads',
  value: mb(process.memoryUsage().rss),
});
printResult('image-processing', 'npx tsx bench/image-processing.ts', rows);

async function upload(width: number, height: number): Promise<void> {
  const input = await noise(width, height);
  const started = process.hrtime.bigint();
  const out = await processImage(input, 'jpeg', 50e6);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const total = out.files.reduce((n, f) => n + f.bytes, 0);
  console.log(
    `${width}×${height} JPEG of ${mb(input.length)}: ${ms.toFixed(0)} ms, ${out.files.length} files, ${mb(total)} in all, RSS ${mb(process.memoryUsage().rss)}`,
  );
  rows.push({
    figure: `${width}×${height} JPEG upload (${mb(input.length)} of noise): time, files made, bytes`,
    value: `${ms.toFixed(0)} ms, ${out.files.length} files, ${mb(total)}`,
  });
  for (const f of out.files) {
    console.log(
      `  ${f.purpose.padEnd(10)} ${f.format.padEnd(4)} ${f.width}×${f.height} ${(f.bytes / 1e3).toFixed(0)} kB`,
    );
  }
}
