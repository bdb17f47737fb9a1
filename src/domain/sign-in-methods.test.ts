import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayRemoveSignInMethod, usableSignInMethods } from './sign-in-methods.js';

const open = { password: true, emailLink: true };
const staffPolicy = { password: false, emailLink: false };

test('every way a person has set up counts under an open policy', () => {
  assert.deepEqual(
    usableSignInMethods({ hasPassword: true, emailVerified: true, passkeys: 2, ssoLinks: 1 }, open),
    ['password', 'email-link', 'passkey', 'sso'],
  );
});

test('a password and email links do not count where the role may not use them', () => {
  assert.deepEqual(
    usableSignInMethods(
      { hasPassword: true, emailVerified: true, passkeys: 1, ssoLinks: 0 },
      staffPolicy,
    ),
    ['passkey'],
  );
});

test('the last passkey of someone who may not use a password stays', () => {
  const person = { hasPassword: true, emailVerified: true, passkeys: 1, ssoLinks: 0 };
  assert.equal(mayRemoveSignInMethod(person, staffPolicy, 'passkey'), false);
  assert.equal(mayRemoveSignInMethod({ ...person, passkeys: 2 }, staffPolicy, 'passkey'), true);
  assert.equal(mayRemoveSignInMethod({ ...person, ssoLinks: 1 }, staffPolicy, 'passkey'), true);
});

test('a password may go when a passkey or a verified address is left, not otherwise', () => {
  const onlyPassword = { hasPassword: true, emailVerified: false, passkeys: 0, ssoLinks: 0 };
  assert.equal(mayRemoveSignInMethod(onlyPassword, open, 'password'), false);
  assert.equal(
    mayRemoveSignInMethod({ ...onlyPassword, emailVerified: true }, open, 'password'),
    true,
  );
  assert.equal(mayRemoveSignInMethod({ ...onlyPassword, passkeys: 1 }, open, 'password'), true);
});

test('unlinking the only single sign-on account is refused when nothing else is usable', () => {
  const ssoOnly = { hasPassword: false, emailVerified: true, passkeys: 0, ssoLinks: 1 };
  assert.equal(mayRemoveSignInMethod(ssoOnly, staffPolicy, 'sso'), false);
  assert.equal(mayRemoveSignInMethod(ssoOnly, open, 'sso'), true);
});
