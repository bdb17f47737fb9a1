/**
 * A real S3-compatible server for tests: the npm package s3rver in its own process (see
 * s3-server.mjs beside this file) on a free port of 127.0.0.1, with one fresh bucket and its own
 * key pair, its data in a temporary folder removed by stop(). Choice and limits:
 * docs/decisions/0060-s3-images.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 's3-server.mjs');
const startTimeoutMs = 20_000;
const stopTimeoutMs = 10_000;

export interface TestS3 {
  /** The server's address, e.g. http://127.0.0.1:40123 (path-style buckets). */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Exactly the variables a Broadsheet server needs to keep its images in this bucket. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3(): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'broadsheet-s3-'));
  const bucket = `broadsheet-${randomBytes(4).toString('hex')}`;
  const accessKeyId = `TEST${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64url');
  const child = spawn(process.execPath, [script, directory, bucket, accessKeyId, secretAccessKey], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      let line = '';
      const timer = setTimeout(
        () => reject(new Error(`s3rver did not start in time:\n${output}`)),
        startTimeoutMs,
      );
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        line += c;
        const end = line.indexOf('\n');
        if (end < 0) return;
        clearTimeout(timer);
        resolve((JSON.parse(line.slice(0, end)) as { port: number }).port);
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`s3rver exited (${code}) before listening:\n${output}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    bucket,
    accessKeyId,
    secretAccessKey,
    env: {
      IMAGE_STORE: `s3://${bucket}/images`,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: '1',
    },
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
          await exited;
          clearTimeout(timer);
        }
        await rm(directory, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
