import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bucketOf, campaignOf, grainFor, pageOfTags, referrerOf } from './insights.js';
import { notCounted } from './insights-audience.js';

const q = (s = '') => new URLSearchParams(s);
const browser = {
  'user-agent':
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'accept-language': 'en-GB,en;q=0.9',
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
};

test('referrers are kept as a category and a host, never the address', () => {
  assert.deepEqual(referrerOf(undefined, q(), 'news.example'), { category: 'direct', host: '' });
  assert.deepEqual(referrerOf('https://news.example/politics?x=1', q(), 'news.example'), {
    category: 'internal',
    host: '',
  });
  assert.deepEqual(referrerOf('https://www.google.co.uk/search?q=secret', q(), 'news.example'), {
    category: 'search',
    host: 'google.co.uk',
  });
  assert.deepEqual(referrerOf('https://duckduckgo.com/', q(), 'news.example'), {
    category: 'search',
    host: 'duckduckgo.com',
  });
  assert.deepEqual(referrerOf('https://l.facebook.com/l.php?u=x', q(), 'news.example'), {
    category: 'social',
    host: 'l.facebook.com',
  });
  assert.deepEqual(referrerOf('https://t.co/abc', q(), 'news.example'), {
    category: 'social',
    host: 't.co',
  });
  assert.deepEqual(referrerOf('https://mail.google.com/mail/u/0', q(), 'news.example'), {
    category: 'newsletter',
    host: 'mail.google.com',
  });
  assert.deepEqual(referrerOf(undefined, q('utm_medium=email&utm_campaign=x'), 'news.example'), {
    category: 'newsletter',
    host: '',
  });
  assert.deepEqual(referrerOf('https://blog.other.org/post/1', q(), 'news.example'), {
    category: 'other',
    host: 'blog.other.org',
  });
  assert.deepEqual(referrerOf('not a url', q(), 'news.example'), { category: 'direct', host: '' });
  // Not Google: a host that only contains the word.
  assert.equal(referrerOf('https://googleblog.example/', q(), 'x').category, 'other');
});

test('the campaign is utm_campaign, trimmed and bounded', () => {
  assert.equal(campaignOf(q('utm_campaign=%20spring%20')), 'spring');
  assert.equal(campaignOf(q()), '');
  assert.equal(campaignOf(q(`utm_campaign=${'x'.repeat(100)}`)).length, 60);
});

test('the page of a cached entry comes from its tags; print views are not counted', () => {
  assert.deepEqual(pageOfTags(['thread:a1', 'article:a1'], '/news/2026/01/02/x'), {
    kind: 'article',
    subject: 'a1',
  });
  assert.equal(pageOfTags(['thread:a1', 'article:a1'], '/news/2026/01/02/x/print'), null);
  assert.deepEqual(pageOfTags(['section:sport', 'listings'], '/sport'), {
    kind: 'section',
    subject: 'sport',
  });
  assert.deepEqual(pageOfTags(['front', 'listings'], '/'), { kind: 'front', subject: '' });
  assert.equal(pageOfTags(['author:jo'], '/author/jo'), null);
  assert.equal(pageOfTags([], '/'), null);
});

test('buckets and the grain a range is read at', () => {
  const at = Date.parse('2026-03-04T05:06:07.890Z');
  assert.equal(new Date(bucketOf('minute', at)).toISOString(), '2026-03-04T05:06:00.000Z');
  assert.equal(new Date(bucketOf('hour', at)).toISOString(), '2026-03-04T05:00:00.000Z');
  assert.equal(new Date(bucketOf('day', at)).toISOString(), '2026-03-04T00:00:00.000Z');
  const day = 86_400_000;
  assert.equal(grainFor(at - 30 * day, at), 'hour');
  assert.equal(grainFor(at - 120 * day, at), 'day');
});

test('a browser is counted; privacy signals, robots and robot-like requests are not', () => {
  assert.equal(notCounted(browser), null);
  assert.equal(notCounted({ ...browser, dnt: '1' }), 'do-not-track');
  assert.equal(notCounted({ ...browser, dnt: '0' }), null);
  assert.equal(notCounted({ ...browser, 'sec-gpc': '1' }), 'global-privacy-control');
  assert.equal(
    notCounted({
      ...browser,
      'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    }),
    'robot',
  );
  assert.equal(notCounted({ ...browser, 'user-agent': 'curl/8.5.0' }), 'robot');
  assert.equal(notCounted({ ...browser, 'user-agent': undefined }), 'no-user-agent');
  assert.equal(notCounted({ ...browser, 'accept-language': undefined }), 'no-language');
  assert.equal(notCounted({ ...browser, 'sec-purpose': 'prefetch;prerender' }), 'prefetch');
  assert.equal(notCounted({ ...browser, accept: 'application/rss+xml' }), 'not-html');
  assert.equal(notCounted({ ...browser, accept: undefined }), null);
});
