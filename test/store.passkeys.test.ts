/**
 * The passkey, challenge and sign-in record stores on every database: passkeys stored and read
 * back, one credential id once, renaming and removing only one's own; a challenge taken once
 * only, never for another purpose, never after its time (also two takers at once); sign-ins
 * listed newest first since a time, and pruned.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { User } from '../src/domain/user.js';
import type { PasskeyRecord } from '../src/store/ports/passkeys.js';
import type { Store } from '../src/store/types.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { storedPerson } from './helpers/fixtures.js';

const base = Date.parse('2026-12-05T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

for (const database of databases()) {
  describe(`passkey stores on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let ann: User;
    let bob: User;

    const passkey = (overrides: Partial<PasskeyRecord> = {}): PasskeyRecord => ({
      id: `cred-${Math.random().toString(36).slice(2)}`,
      userId: ann.id,
      name: 'Laptop',
      publicKey: 'pQECAyYgASFYIK',
      counter: 0,
      transports: ['internal', 'hybrid'],
      backedUp: true,
      createdAt: at(0),
      lastUsedAt: null,
      ...overrides,
    });

    before(async () => {
      db = await database.open();
      store = db.store;
      ann = await storedPerson(store, { slug: 'ann', name: 'Ann' });
      bob = await storedPerson(store, { slug: 'bob', name: 'Bob' });
    });
    after(async () => {
      await db?.dispose();
    });

    test('a passkey is stored once and read back, by id and for its owner', async () => {
      const first = passkey({ counter: 4_000_000_000 });
      assert.equal(await store.passkeys.add(first), true);
      assert.equal(await store.passkeys.add({ ...first, userId: bob.id }), false, 'one id once');
      assert.deepEqual(await store.passkeys.byId(first.id), first);
      const second = passkey({ name: 'Phone', createdAt: at(5), transports: [], backedUp: false });
      await store.passkeys.add(second);
      assert.deepEqual(
        (await store.passkeys.forUser(ann.id)).map((p) => p.name),
        ['Laptop', 'Phone'],
      );
      assert.equal(await store.passkeys.countForUser(ann.id), 2);
      assert.equal(await store.passkeys.countForUser(bob.id), 0);
      await store.passkeys.used(second.id, 7, at(10));
      const used = await store.passkeys.byId(second.id);
      assert.equal(used?.counter, 7);
      assert.equal(used?.lastUsedAt, at(10));
      assert.equal(await store.passkeys.byId('nothing'), null);
    });

    test('only the owner renames or removes a passkey', async () => {
      const key = passkey({ name: 'Old' });
      await store.passkeys.add(key);
      assert.equal(await store.passkeys.rename(bob.id, key.id, 'Mine'), false);
      assert.equal(await store.passkeys.remove(bob.id, key.id), false);
      assert.equal(await store.passkeys.rename(ann.id, key.id, 'New'), true);
      assert.equal((await store.passkeys.byId(key.id))?.name, 'New');
      assert.equal(await store.passkeys.remove(ann.id, key.id), true);
      assert.equal(await store.passkeys.remove(ann.id, key.id), false);
      assert.equal(await store.passkeys.byId(key.id), null);
    });

    test('a challenge is taken once, for its purpose, before its time', async () => {
      const issue = (challenge: string, expiresAt = at(5)) =>
        store.passkeyChallenges.issue({
          challenge,
          purpose: 'sign-in',
          userId: null,
          data: '',
          expiresAt,
        });
      await issue('c-once');
      assert.equal(await store.passkeyChallenges.take('c-once', 'register', at(1)), null);
      const taken = await store.passkeyChallenges.take('c-once', 'sign-in', at(1));
      assert.deepEqual(taken, {
        challenge: 'c-once',
        purpose: 'sign-in',
        userId: null,
        data: '',
        expiresAt: at(5),
      });
      assert.equal(await store.passkeyChallenges.take('c-once', 'sign-in', at(1)), null);

      await issue('c-late');
      assert.equal(await store.passkeyChallenges.take('c-late', 'sign-in', at(5)), null);

      await issue('c-race');
      const both = await Promise.all([
        store.passkeyChallenges.take('c-race', 'sign-in', at(1)),
        store.passkeyChallenges.take('c-race', 'sign-in', at(1)),
      ]);
      assert.equal(both.filter(Boolean).length, 1, 'two takers at once: one gets it');

      await issue('c-old', at(-1));
      await issue('c-new', at(10));
      assert.equal(await store.passkeyChallenges.prune(at(0)), 1);
      assert.ok(await store.passkeyChallenges.take('c-new', 'sign-in', at(1)));
    });

    test('sign-ins are listed newest first since a time, and pruned', async () => {
      const record = (id: string, minutes: number, userId = ann.id) =>
        store.signInEvents.record({
          id,
          userId,
          method: 'passkey',
          label: 'Laptop',
          at: at(minutes),
        });
      await record('e1', 0);
      await record('e2', 10);
      await record('e3', 20);
      await record('e4', 30, bob.id);
      const listed = await store.signInEvents.forUser(ann.id, at(5), 10);
      assert.deepEqual(
        listed.map((e) => e.id),
        ['e3', 'e2'],
      );
      assert.deepEqual(listed[0], {
        id: 'e3',
        userId: ann.id,
        method: 'passkey',
        label: 'Laptop',
        at: at(20),
      });
      assert.equal((await store.signInEvents.forUser(ann.id, at(-100), 1)).length, 1);
      assert.equal(await store.signInEvents.pruneBefore(at(15)), 2);
      assert.deepEqual(
        (await store.signInEvents.forUser(ann.id, at(-100), 10)).map((e) => e.id),
        ['e3'],
      );
    });
  });
}
