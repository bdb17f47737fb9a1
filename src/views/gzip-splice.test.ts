import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import {
  acceptsGzip,
  crcCombine,
  crcOf,
  crcShift,
  deflatePiece,
  GzipMember,
  shiftTable,
  storedPiece,
} from './gzip-splice.js';

test('CRCs combine to the CRC of the joined bytes', () => {
  for (const [a, b] of [
    [0, 0],
    [1, 1],
    [5, 32],
    [1000, 70000],
    [3, 1 << 20],
  ] as const) {
    const x = randomBytes(a);
    const y = randomBytes(b);
    assert.equal(
      crcCombine(crcOf(x), crcOf(y), crcShift(y.length)),
      zlib.crc32(Buffer.concat([x, y])),
      `${a} + ${b}`,
    );
  }
});

test('pieces compressed apart, with and without a dictionary, make one gzip member gunzip reads', () => {
  const first = Buffer.from('<ol>' + '<li>A comment, and <b>its</b> controls</li>'.repeat(50));
  const token = Buffer.from(randomBytes(24).toString('base64url'));
  const second = Buffer.from('<li>A comment, and <b>its</b> controls</li></ol>'.repeat(20));
  const filler = Buffer.alloc(token.length, 0xff);
  const member = new GzipMember();
  const add = (z: Buffer, plain: Buffer) =>
    member.add(z, crcOf(plain), plain.length, crcShift(plain.length));
  add(deflatePiece(first), first);
  add(storedPiece(token), token);
  // Compressed against the bytes before it, the token given as 0xFF: no match can reach it.
  const z = deflatePiece(second, Buffer.concat([first, filler]));
  assert.ok(z.length < second.length / 10, 'refers back into the first piece');
  add(z, second);
  const body = member.end();
  assert.equal(zlib.gunzipSync(body).toString(), `${first}${token}${second}`);
  // A long stored piece is cut into blocks of at most 65,535 bytes.
  const long = randomBytes(70000);
  const m2 = new GzipMember();
  m2.add(storedPiece(long), crcOf(long), long.length, crcShift(long.length));
  assert.deepEqual(zlib.gunzipSync(m2.end()), long);
});

test('gzip is accepted when the client names it or * with a weight above zero', () => {
  assert.equal(acceptsGzip('gzip, deflate, br, zstd'), true);
  assert.equal(acceptsGzip('br'), false);
  assert.equal(acceptsGzip('br, gzip;q=0'), false);
  assert.equal(acceptsGzip('*'), true);
  assert.equal(acceptsGzip('*, gzip;q=0'), false);
  assert.equal(acceptsGzip(undefined), false);
  assert.equal(acceptsGzip('identity'), false);
});

test('a shift table combines as the operator does', () => {
  const y = randomBytes(32);
  const table = shiftTable(crcShift(y.length));
  for (let n = 0; n < 50; n++) {
    const x = randomBytes(n * 37);
    assert.equal(
      (table(crcOf(x)) ^ crcOf(y)) >>> 0,
      crcCombine(crcOf(x), crcOf(y), crcShift(y.length)),
    );
  }
});
