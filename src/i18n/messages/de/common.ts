import type { Catalogue } from '../types.js';
import type en from '../en/common.js';

export default {
  skip: 'Zum Inhalt springen',
  language: 'Sprache',
} satisfies Catalogue<typeof en>;
