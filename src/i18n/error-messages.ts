/**
 * What a page says about an error, in the page's language (decisions/0049-translated-errors.md).
 *
 * Every condition has a message in the catalogue's `errors` namespace, said with the values the
 * error carries (a limit, a wait). An English page says the English written where the error was
 * raised, which may name more (the input's own value, the exact field); every other language,
 * the pseudo-languages included, says the condition's catalogue message. A message that needs a
 * value its error did not give falls back to the general message of the error's kind.
 */
import type { AppError, Condition, ErrorKind } from '../errors.js';
import { languageOf } from './languages.js';
import { allCatalogues, catalogueOf, type MessageKey, type Translator } from './translator.js';

/** The catalogue key of a condition's message: `tsc` refuses a condition English has none for. */
export function conditionKey(condition: Condition): MessageKey {
  return `errors.${condition}`;
}

function kindKey(kind: ErrorKind): MessageKey {
  return `errors.kind.${kind}`;
}

/** Whether a page in this language says errors in the words they were raised with. */
function saysRaisedEnglish(i18n: Translator): boolean {
  const language = languageOf(i18n.lang);
  return !language?.pseudo && catalogueOf(i18n.lang) === allCatalogues['en'];
}

/** The error's message for a person reading a page in `i18n`'s language. */
export function errorMessage(i18n: Translator, error: AppError): string {
  if (saysRaisedEnglish(i18n)) return error.message;
  const values = {
    ...error.values,
    ...(error.retryAfterSeconds !== undefined ? { seconds: error.retryAfterSeconds } : {}),
  };
  try {
    return i18n.t(conditionKey(error.condition), values);
  } catch {
    // A value the message names was not given (a call site that says no limit).
    return i18n.t(kindKey(error.kind));
  }
}
