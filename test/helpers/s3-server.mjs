#!/usr/bin/env node
// A real S3-compatible server (the npm package s3rver) as its own process, for tests.
// Arguments: data folder, bucket, access key id, secret. It listens on a free port of 127.0.0.1
// and prints one JSON line {"port": N} once the bucket exists; SIGTERM closes it.
/* global process, console */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const S3rver = require('s3rver');
const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');

const [directory, bucket, accessKeyId, secretAccessKey] = process.argv.slice(2);
if (!directory || !bucket || !accessKeyId || !secretAccessKey) {
  console.error('usage: s3-server.mjs DIRECTORY BUCKET ACCESS_KEY_ID SECRET_ACCESS_KEY');
  process.exit(2);
}
// s3rver knows one account; the test's keys are added to it (s3rver refuses an unknown key id;
// it does not check version 4 signatures themselves: docs/decisions/0060-s3-images.md).
DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  vhostBuckets: false,
  configureBuckets: [{ name: bucket, configs: [] }],
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.on('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
