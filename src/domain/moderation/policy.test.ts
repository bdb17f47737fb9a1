import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWords, policyFrom, settingDefinitions, validateSetting } from './policy.js';

const def = (key: string) => {
  const found = settingDefinitions.find((d) => d.key === key);
  assert.ok(found, key);
  return found;
};

test('defaults apply where nothing valid is stored', () => {
  const p = policyFrom({ 'moderation.reportThreshold': 'lots', 'moderation.manyLinks': '5' });
  assert.equal(p.reportThreshold, 3);
  assert.equal(p.manyLinks, 5);
  assert.equal(p.premoderation, 'off');
  assert.equal(policyFrom({}, { 'moderation.ratePerPerson': '99' }).ratePerPerson.max, 99);
});

test('numbers, choices and word lists are validated with a message naming the setting', () => {
  assert.deepEqual(validateSetting(def('moderation.reportThreshold'), ' 4 '), {
    ok: true,
    value: '4',
  });
  const zero = validateSetting(def('moderation.reportThreshold'), '0');
  assert.ok(!zero.ok && /Reports that take .* from 1 to 1,000/.test(zero.message));
  assert.ok(!validateSetting(def('comments.editWindowMinutes'), '1.5').ok);
  assert.ok(!validateSetting(def('moderation.premoderation'), 'sometimes').ok);
  assert.ok(!validateSetting(def('moderation.bannedWords'), 'fine\n!!!').ok);
  assert.deepEqual(validateSetting(def('moderation.bannedWords'), ' a  b \n\nc\na b\n'), {
    ok: true,
    value: 'a b\nc',
  });
});

test('word lists: one a line, trimmed, without blanks or repeats', () => {
  assert.deepEqual(parseWords('one\r\n two \n\none\n'), ['one', 'two']);
});
