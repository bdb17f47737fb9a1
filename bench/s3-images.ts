/**
 * What an S3 image store costs against a folder, with the test S3 server (s3rver, its own process
 * on this machine): `images copy` of a folder into a bucket, the same copy again (all skipped),
 * and reading every file back through each store as the /images route does (streamed).
 * Run: npx tsx bench/s3-images.ts [files] [kilobytes]
 */
import { createHash, randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyImages } from '../src/services/image-copy.js';
import { DiskImageStorage, type ImageStorage } from '../src/store/image-files.js';
import { S3ImageStorage } from '../src/store/s3-image-files.js';
import { startS3 } from '../test/helpers/s3.js';
import { printResult, type ResultRow } from './lib/load.js';

const count = Number(process.argv[2] ?? 300);
const kilobytes = Number(process.argv[3] ?? 60);

const rows: ResultRow[] = [];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  rows.push({ figure: `${label}, per file`, value: `${(ms / count).toFixed(2)} ms` });
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / count).toFixed(2)} ms/file`,
  );
  return result;
}

async function readAll(storage: ImageStorage, names: string[]): Promise<number> {
  let bytes = 0;
  for (const name of names) {
    const found = await storage.stream(name);
    for await (const chunk of found!.stream) bytes += (chunk as Buffer).length;
  }
  return bytes;
}

const dir = await mkdtemp(path.join(tmpdir(), 'broadsheet-bench-images-'));
const s3 = await startS3();
try {
  const disk = new DiskImageStorage(dir);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const bytes = randomBytes(kilobytes * 1024);
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.webp`;
    await disk.put(name, bytes);
    names.push(name);
  }
  const bucket = new S3ImageStorage({
    bucket: s3.bucket,
    prefix: 'images',
    endpoint: s3.endpoint,
    region: 'us-east-1',
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
  });
  console.log(`${count} files of ${kilobytes} KB`);
  const first = await timed('images copy, folder → bucket', () => copyImages(disk, bucket));
  const again = await timed('images copy again (all already there)', () =>
    copyImages(disk, bucket),
  );
  console.log(`  copied ${first.copied}, then ${again.copied} copied and ${again.skipped} skipped`);
  await timed('read every file back, folder (sequential)', () => readAll(disk, names));
  await timed('read every file back, bucket (sequential)', () => readAll(bucket, names));
  bucket.close();
} finally {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
}
printResult('s3-images', `npx tsx bench/s3-images.ts ${count} ${kilobytes}`, rows);
