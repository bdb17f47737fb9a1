/**
 * The invitation store on every database: one open invitation per address (also under
 * concurrent creates), an expired one no longer holding it, accepting and revoking once only,
 * the list newest first with the inviter's name; bylines on the articles; and what personal-data
 * deletion does to invitations.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../src/domain/ids.js';
import type { User } from '../src/domain/user.js';
import type { NewInvitation } from '../src/store/ports/invitations.js';
import type { Store } from '../src/store/types.js';
import { databases, type OpenedStore } from './helpers/databases.js';
import { publishedArticle, storedPerson } from './helpers/fixtures.js';

const base = Date.parse('2026-03-04T12:00:00.000Z');
const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
const day = 24 * 60;
let serial = 0;

for (const database of databases()) {
  describe(`invitation store on ${database.name}`, () => {
    let db: OpenedStore;
    let store: Store;
    let admin: User;

    const invitation = (overrides: Partial<NewInvitation> = {}): NewInvitation => ({
      id: newId(base + ++serial),
      email: `invitee-${serial}@example.com`,
      role: 'author',
      tokenHash: `hash-${serial}`,
      invitedBy: admin.id,
      createdAt: at(serial),
      expiresAt: at(serial + 7 * day),
      ...overrides,
    });

    before(async () => {
      db = await database.open();
      store = db.store;
      admin = await storedPerson(store, { slug: 'ada', name: 'Ada Admin', role: 'admin' });
    });
    after(async () => {
      await db?.dispose();
    });

    test('an invitation is stored and read back by id and by its token hash', async () => {
      const input = invitation({ email: 'kim@example.com', role: 'editor' });
      assert.equal(await store.invitations.create(input), true);
      const expected = {
        id: input.id,
        email: 'kim@example.com',
        role: 'editor',
        invitedBy: { id: admin.id, name: 'Ada Admin' },
        createdAt: input.createdAt,
        expiresAt: input.expiresAt,
        acceptedAt: null,
        acceptedBy: null,
        revokedAt: null,
      };
      assert.deepEqual(await store.invitations.byId(input.id), expected);
      assert.deepEqual(await store.invitations.byTokenHash(input.tokenHash), expected);
      assert.equal(await store.invitations.byTokenHash('nothing'), null);
      assert.equal(await store.invitations.byId('nothing'), null);
    });

    test('an address has one open invitation; revoking, accepting or expiry frees it', async () => {
      const first = invitation({ email: 'lee@example.com' });
      assert.equal(await store.invitations.create(first), true);
      assert.equal(await store.invitations.create(invitation({ email: 'lee@example.com' })), false);
      assert.equal(await store.invitations.revoke(first.id, at(100)), true);
      assert.equal(await store.invitations.revoke(first.id, at(101)), false, 'only once');
      const second = invitation({ email: 'lee@example.com' });
      assert.equal(await store.invitations.create(second), true);
      assert.equal(await store.invitations.accept(second.id, at(200), null), true);
      assert.equal(await store.invitations.accept(second.id, at(201), null), false, 'only once');
      assert.equal(await store.invitations.revoke(second.id, at(202)), false);
      const third = invitation({ email: 'lee@example.com', expiresAt: at(300) });
      assert.equal(await store.invitations.create(third), true);
      // Past its time it can be neither accepted nor revoked, and a new one may be sent.
      assert.equal(await store.invitations.accept(third.id, at(300), null), false);
      assert.equal(await store.invitations.revoke(third.id, at(301)), false);
      const fourth = invitation({ email: 'lee@example.com', createdAt: at(400) });
      assert.equal(await store.invitations.create(fourth), true);
      const states = await Promise.all(
        [first, second, third, fourth].map((i) => store.invitations.byId(i.id)),
      );
      assert.equal(states[0]?.revokedAt, at(100));
      assert.equal(states[1]?.acceptedAt, at(200));
      assert.equal(states[2]?.acceptedAt, null);
      assert.equal(states[2]?.revokedAt, null);
      assert.equal(states[3]?.acceptedAt, null);
    });

    test('of concurrent invitations to one address, exactly one is stored', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.invitations.create(invitation({ email: 'race@example.com' })),
        ),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    test('accepting names the account; the list is newest first', async () => {
      const input = invitation({ email: 'mo@example.com' });
      await store.invitations.create(input);
      const mo = await storedPerson(store, { slug: 'mo', role: 'author' });
      assert.equal(await store.invitations.accept(input.id, at(10), null), true);
      await store.invitations.setAcceptedBy(input.id, mo.id);
      assert.equal((await store.invitations.byId(input.id))?.acceptedBy, mo.id);
      const listed = await store.invitations.list({ limit: 100 });
      const times = listed.map((i) => i.createdAt);
      assert.deepEqual(times, [...times].sort().reverse());
      assert.equal((await store.invitations.list({ limit: 2 })).length, 2);
    });

    test('names and bylines: articles carry the byline when set, else the name', async () => {
      const writer = await storedPerson(store, {
        slug: 'writer',
        name: 'Wren Writer',
        role: 'author',
      });
      const article = await publishedArticle(store, { authorIds: [writer.id] });
      const authorsOf = async () => (await store.reader.getById(article.id))?.authors;
      assert.deepEqual(await authorsOf(), [{ id: writer.id, name: 'Wren Writer', slug: 'writer' }]);
      await store.users.setNames(writer.id, { name: 'Wren', byline: 'W. R. Writer' });
      assert.deepEqual(await authorsOf(), [
        { id: writer.id, name: 'W. R. Writer', slug: 'writer' },
      ]);
      const user = await store.users.byId(writer.id);
      assert.equal(user?.name, 'Wren');
      assert.equal(user?.byline, 'W. R. Writer');
      await store.users.setNames(writer.id, { name: 'Wren', byline: '' });
      assert.deepEqual(await authorsOf(), [{ id: writer.id, name: 'Wren', slug: 'writer' }]);
    });

    test('deleting a person’s data removes invitations to them and their name on those sent', async () => {
      const inviter = await storedPerson(store, { slug: 'inviter', role: 'admin' });
      const invitee = await storedPerson(store, { slug: 'invitee', role: 'commenter' });
      const toThem = invitation({ email: invitee.email });
      const byThem = invitation({ invitedBy: inviter.id, email: 'someone-else@example.com' });
      await store.invitations.create(toThem);
      await store.invitations.create(byThem);
      const records = await store.personalData.collect(invitee.id);
      assert.equal(records?.invitations.length, 1);
      assert.equal(records?.invitations[0]?.role, 'author');
      await store.personalData.anonymise(invitee.id, {
        name: 'Deleted account',
        email: `deleted-${invitee.id}@invalid`,
        slug: `deleted-${invitee.id}`,
      });
      assert.equal(await store.invitations.byId(toThem.id), null);
      await store.personalData.anonymise(inviter.id, {
        name: 'Deleted account',
        email: `deleted-${inviter.id}@invalid`,
        slug: `deleted-${inviter.id}`,
      });
      assert.equal((await store.invitations.byId(byThem.id))?.invitedBy, null);
    });
  });
}
