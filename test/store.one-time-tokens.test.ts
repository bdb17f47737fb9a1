/** One-time links (store contract, both databases): used once, and still found afterwards. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

for (const database of databases()) {
  describe(`one-time tokens on ${database.name}`, () => {
    let db: OpenedStore;
    before(async () => {
      db = await database.open();
    });
    after(async () => {
      await db?.dispose();
    });

    test('find reads a token before and after it is used, and changes nothing', async () => {
      const person = await storedPerson(db.store);
      const hash = `hash-${person.id}`;
      const createdAt = '2026-01-01T10:00:00.000Z';
      await db.store.oneTimeTokens.create({
        tokenHash: hash,
        purpose: 'verify_email',
        userId: person.id,
        newEmail: null,
        createdAt,
        expiresAt: '2026-01-03T10:00:00.000Z',
      });
      const open = await db.store.oneTimeTokens.find(hash, 'verify_email');
      assert.equal(open?.userId, person.id);
      assert.equal(open?.usedAt, null);
      assert.equal(await db.store.oneTimeTokens.find(hash, 'reset_password'), null);
      assert.equal(await db.store.oneTimeTokens.find('unknown', 'verify_email'), null);
      // Finding does not use it up.
      const used = await db.store.oneTimeTokens.consume(
        hash,
        'verify_email',
        '2026-01-01T11:00:00.000Z',
      );
      assert.equal(used?.userId, person.id);
      const after = await db.store.oneTimeTokens.find(hash, 'verify_email');
      assert.equal(after?.usedAt, '2026-01-01T11:00:00.000Z');
      assert.equal(after?.createdAt, createdAt);
      assert.equal(
        await db.store.oneTimeTokens.consume(hash, 'verify_email', '2026-01-01T12:00:00.000Z'),
        null,
      );
    });
  });
}
