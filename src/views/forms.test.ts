/** The words around a form's problem follow the problem's (or the page's) language. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../i18n/translator.js';
import { errorSummary, field, formTitle } from './forms.js';

test('a problem said in German is summarised and marked in German', () => {
  const problem = {
    message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    field: 'email',
    lang: 'de-DE',
  };
  const summary = errorSummary(problem).value;
  assert.match(summary, /<h2 id="error-summary-title">Es gibt ein Problem<\/h2>/);
  assert.match(summary, /<a href="#email">Bitte geben Sie eine gültige E-Mail-Adresse ein.<\/a>/);
  const input = field({ name: 'email', label: 'E-Mail-Adresse', problem }).value;
  assert.match(input, /<span class="visually-hidden">Fehler:<\/span>\s*Bitte geben Sie/);
  assert.match(input, /aria-invalid="true"/);
  assert.equal(formTitle('Registrieren', problem), 'Fehler: Registrieren');
});

test('the page’s translator wins; a problem without a language is English', () => {
  const problem = { message: 'Enter a valid email address.', field: 'email' };
  assert.match(errorSummary(problem).value, />There is a problem</);
  assert.equal(formTitle('Sign up', problem), 'Error: Sign up');
  assert.equal(formTitle('Sign up', undefined), 'Sign up');
  const pseudo = translator('en-XA', 'UTC');
  assert.match(errorSummary(problem, undefined, pseudo).value, />⟦Théré îš à pröblém⟧</);
});
