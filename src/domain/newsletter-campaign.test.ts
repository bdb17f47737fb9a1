/** The campaign an issue's links name (decisions/0091): its list and id, at most 60 characters. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { campaignOf, referrerOf } from './insights.js';
import { newsletterCampaign, newsletterLinkQuery } from './newsletter.js';

const id = '01jf2x4q8r0000000000000000';

test('a campaign is the list (a section by its slug) and the issue id', () => {
  assert.equal(newsletterCampaign({ id, list: 'briefing' }), `briefing-${id}`);
  assert.equal(newsletterCampaign({ id, list: 'alerts' }), `alerts-${id}`);
  assert.equal(newsletterCampaign({ id, list: 'section:sport' }), `sport-${id}`);
});

test('a long list name is cut so the id is kept whole within 60 characters', () => {
  const campaign = newsletterCampaign({ id, list: `section:${'x'.repeat(80)}` });
  assert.equal(campaign.length, 60);
  assert.ok(campaign.endsWith(`-${id}`));
});

test("an issue's link query is counted as a newsletter view of its campaign", () => {
  const query = new URLSearchParams(newsletterLinkQuery({ id, list: 'section:sport' }));
  assert.equal(campaignOf(query), `sport-${id}`);
  assert.deepEqual(referrerOf(undefined, query, 'example.com'), {
    category: 'newsletter',
    host: '',
  });
  assert.deepEqual([...query.keys()], ['utm_source', 'utm_medium', 'utm_campaign']);
});
