/**
 * `broadsheet images copy` as an operator runs it, against a real S3-compatible server: a folder
 * into a bucket, again (nothing to do), back into a folder; a damaged file, a bad --to and a
 * store that does not answer, with their exit codes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiskImageStorage } from '../src/store/image-files.js';
import { S3ImageStorage } from '../src/store/s3-image-files.js';
import { tempDir } from './helpers/databases.js';
import { startS3, type TestS3 } from './helpers/s3.js';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function broadsheet(args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...args],
      {
        cwd: root,
        timeout: 120_000,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'silent', ...env },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function file(size: number, extension = 'webp'): { name: string; bytes: Buffer } {
  const bytes = randomBytes(size);
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${extension}`;
  return { name, bytes };
}

describe('broadsheet images copy', () => {
  let s3: TestS3;
  const dirs: string[] = [];
  const dir = () => {
    const made = tempDir('broadsheet-cli-images-');
    dirs.push(made);
    return made;
  };
  /** The S3 settings, without IMAGE_STORE: the site itself still keeps its files on disk. */
  let s3Env: Record<string, string>;
  let bucket: S3ImageStorage;
  before(async () => {
    s3 = await startS3();
    s3Env = Object.fromEntries(Object.entries(s3.env).filter(([key]) => key !== 'IMAGE_STORE'));
    bucket = new S3ImageStorage({
      bucket: s3.bucket,
      prefix: 'moved',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      forcePathStyle: true,
    });
  });
  after(async () => {
    bucket?.close();
    await s3?.stop();
    for (const made of dirs) rmSync(made, { recursive: true, force: true });
  });

  test('a folder goes into a bucket; run again, nothing is copied twice; and back out', async () => {
    const dataDir = dir();
    const disk = new DiskImageStorage(path.join(dataDir, 'images'));
    const files = [file(40_000), file(1_000, 'png'), file(5_000, 'jpg')];
    for (const f of files) await disk.put(f.name, f.bytes);
    const to = `s3://${s3.bucket}/moved`;

    const first = await broadsheet(['images', 'copy', '--to', to], { DATA_DIR: dataDir, ...s3Env });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`from ${dataDir}/images to ${to}`));
    assert.match(first.stdout, /3 files: 3 copied \(0\.0 MB\), 0 already there, 0 failed/);
    for (const f of files) assert.ok((await bucket.get(f.name))?.equals(f.bytes), f.name);

    const extra = file(2_000);
    await disk.put(extra.name, extra.bytes);
    const again = await broadsheet(['images', 'copy', '--to', to], { DATA_DIR: dataDir, ...s3Env });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /4 files: 1 copied \(0\.0 MB\), 3 already there, 0 failed/);

    // Back out, as a backup of a bucket: --from the bucket (here the configured store).
    const backup = dir();
    const out = await broadsheet(['images', 'copy', '--to', backup], {
      DATA_DIR: dataDir,
      ...s3Env,
      IMAGE_STORE: to,
    });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /4 files: 4 copied/);
    for (const f of [...files, extra]) {
      const copied = readFileSync(path.join(backup, f.name.slice(0, 2), f.name));
      assert.ok(copied.equals(f.bytes), f.name);
    }
  });

  test('a damaged file is named and not copied, the rest are, and the exit code is 1', async () => {
    const source = dir();
    const good = file(100);
    const damaged = file(100);
    const disk = new DiskImageStorage(source);
    await disk.put(good.name, good.bytes);
    await disk.put(damaged.name, Buffer.from('these are not the bytes the name was made from'));
    const target = dir();
    const result = await broadsheet(['images', 'copy', '--from', source, '--to', target], {
      DATA_DIR: dir(),
    });
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      new RegExp(`${damaged.name} was not copied: its bytes do not match`),
    );
    assert.match(result.stdout, /2 files: 1 copied .*, 0 already there, 1 failed/);
    const copied = new DiskImageStorage(target);
    assert.equal(await copied.has(good.name), true);
    assert.equal(await copied.has(damaged.name), false);
  });

  test('a bad --to is a usage error naming it; a store that does not answer fails in one line', async () => {
    const dataDir = dir();
    const bad = await broadsheet(['images', 'copy', '--to', 's3://No_Such'], { DATA_DIR: dataDir });
    assert.equal(bad.code, 64);
    assert.match(bad.stderr, /^broadsheet: --to: names no valid bucket/);
    const same = await broadsheet(['images', 'copy', '--to', path.join(dataDir, 'images')], {
      DATA_DIR: dataDir,
    });
    assert.equal(same.code, 64);
    assert.match(same.stderr, /--to is the store the files are copied from/);

    const down = await broadsheet(['images', 'copy', '--to', dir()], {
      DATA_DIR: dataDir,
      ...s3Env,
      IMAGE_STORE: `s3://${s3.bucket}/moved`,
      S3_ENDPOINT: 'http://127.0.0.1:9',
    });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^broadsheet: images copy failed: .+$/m);
    assert.doesNotMatch(down.stdout, /copied/);
  });
});
