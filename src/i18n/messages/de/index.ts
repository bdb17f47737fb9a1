/** Deutsch: every namespace of the English catalogue, translated. */
import account from './account.js';
import admin from './admin.js';
import comments from './comments.js';
import common from './common.js';
import digest from './digest.js';
import email from './email.js';
import errors from './errors.js';
import moderation from './moderation.js';
import newsroom from './newsroom.js';
import reader from './reader.js';
import security from './security.js';
import structure from './structure.js';
import webhooks from './webhooks.js';
import signIn from './sign-in.js';
import staffMail from './staff-mail.js';
import newsletters from './newsletters.js';
import live from './live.js';
import passkeys from './passkeys.js';
import insights from './insights.js';

export const de = {
  common,
  reader,
  comments,
  structure,
  account,
  newsroom,
  moderation,
  admin,
  errors,
  email,
  security,
  'moderation-digest': digest,
  webhooks,
  'sign-in': signIn,
  'staff-mail': staffMail,
  newsletters,
  live,
  passkeys,
  insights,
};
