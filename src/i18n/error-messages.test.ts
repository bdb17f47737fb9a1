/** Every error condition can be said in every language, with the values its errors carry. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, conditions, kindStatus, type Condition } from '../errors.js';
import { errorMessage } from './error-messages.js';
import { allCatalogues, translator } from './translator.js';

const conditionNames = Object.keys(conditions) as Condition[];

describe('error messages', () => {
  for (const [language, catalogue] of Object.entries(allCatalogues)) {
    it(`${language} has a message for every condition and every kind`, () => {
      const errors = catalogue.errors as Readonly<Record<string, string>>;
      const missing = [
        ...conditionNames.filter((c) => !Object.hasOwn(errors, c)),
        ...Object.keys(kindStatus)
          .map((kind) => `kind.${kind}`)
          .filter((key) => !Object.hasOwn(errors, key)),
      ];
      assert.deepEqual(missing, []);
    });
  }

  it('says every condition in German with the values limits carry, none left in braces', () => {
    const de = translator('de-DE', 'Europe/Berlin');
    const values = { max: 120, min: 10, seconds: 30 };
    for (const condition of conditionNames) {
      const text = errorMessage(de, new AppError(condition, 'English.', { values }));
      assert.doesNotMatch(text, /[{}]|English/, condition);
      assert.ok(text.length > 5, condition);
    }
    const long = new AppError('too_long', 'A headline can be at most 200 characters.', {
      values: { max: 200 },
    });
    assert.equal(errorMessage(de, long), 'Das ist zu lang: höchstens 200 Zeichen.');
    const tooFast = new AppError('too_many_attempts', 'Too many attempts.');
    tooFast.retryAfterSeconds = 1;
    assert.equal(
      errorMessage(de, tooFast),
      'Zu viele Versuche. Bitte versuchen Sie es in einer Sekunde noch einmal.',
    );
  });

  it('an English page says the English the error was raised with; en-XA the catalogue, marked', () => {
    const error = new AppError('invalid_email', '"x" is not an email address.', {
      field: 'email',
    });
    assert.equal(errorMessage(translator('en-GB', 'UTC'), error), '"x" is not an email address.');
    assert.equal(
      errorMessage(translator('en-XA', 'UTC'), error),
      '⟦Éñtér à vàlîd émàîl àddréšš, lîké ñàmé@éxàmplé.çöm.⟧',
    );
  });

  it('a message whose value is missing says its kind’s general message', () => {
    const de = translator('de-DE', 'Europe/Berlin');
    const bare = new AppError('password_too_short', 'Too short.');
    assert.equal(errorMessage(de, bare), 'Diese Anfrage konnte so nicht ausgeführt werden.');
  });
});
