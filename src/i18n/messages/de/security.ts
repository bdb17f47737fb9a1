import type { Catalogue } from '../types.js';
import type en from '../en/security.js';

export default {
  'alert.subject': 'Jemand versucht, sich bei Ihrem Konto bei {site} anzumelden',
  'alert.greeting': 'Guten Tag {name},',
  'alert.what':
    'In den letzten {minutes} Minuten gab es {count, plural, one {# Versuch} other {# Versuche}}, sich mit einem falschen Passwort bei Ihrem Konto bei {site} anzumelden, von Orten, an denen dieses Konto bisher nicht benutzt wurde.',
  'alert.safe':
    'Dort, wo Sie sich üblicherweise anmelden, funktioniert Ihr Passwort weiterhin, und niemand hat sich Zugang verschafft. Waren Sie es nicht, müssen Sie nichts tun; verwenden Sie dieses Passwort auch anderswo, ändern Sie es bitte.',
  'alert.reset':
    'Um ein neues Passwort zu wählen oder sich von einem neuen Ort aus anzumelden, fordern Sie hier einen Link an:',
  'alert.you': 'Waren Sie es selbst und haben Ihr Passwort vergessen, nutzen Sie denselben Link.',
} satisfies Catalogue<typeof en>;
