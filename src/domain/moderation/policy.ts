/**
 * The moderation policy: every threshold is a site setting (`store.settings`, string values),
 * described once here so the settings page, its validation and the pipeline agree.
 */
import { parseUnconfirmedEmail, type UnconfirmedEmailRule } from '../comment-settings.js';

export type Premoderation = 'off' | 'new' | 'everyone';

export interface ModerationPolicy {
  premoderation: Premoderation;
  /** Comments from commenters whose email address is not confirmed. */
  unconfirmedEmail: UnconfirmedEmailRule;
  /** Refused with a message. */
  bannedWords: readonly string[];
  /** Held for review. */
  suspectWords: readonly string[];
  /** Any link from a commenter with fewer approved comments than this is held. */
  linksNeedApproved: number;
  /** This many links or more in one comment are held. */
  manyLinks: number;
  /** A commenter with fewer approved comments than this is "new" (pre-moderation `new`). */
  newCommenterBelow: number;
  /** Held when rejected at least this often and more often rejected than approved (0 = never). */
  lowTrustRejected: number;
  /** Open reports that take a published comment back to review. */
  reportThreshold: number;
  ratePerPerson: { max: number; windowSeconds: number };
  ratePerAddress: { max: number; windowSeconds: number };
  /** A second identical comment within this many minutes is refused. */
  duplicateWindowMinutes: number;
}

interface IntSetting {
  kind: 'int';
  key: string;
  label: string;
  hint: string;
  min: number;
  max: number;
  default: number;
}
interface ChoiceSetting {
  kind: 'choice';
  key: string;
  label: string;
  hint: string;
  choices: readonly { value: string; text: string }[];
  default: string;
}
interface WordsSetting {
  kind: 'words';
  key: string;
  label: string;
  hint: string;
  default: string;
}
export type SettingDefinition = IntSetting | ChoiceSetting | WordsSetting;

/** The settings moderators' work depends on, in the order the settings page shows them. */
export const settingDefinitions: readonly SettingDefinition[] = [
  {
    kind: 'choice',
    key: 'comments.mode',
    label: 'Default comment mode',
    hint: 'For articles without their own setting.',
    choices: [
      { value: 'open', text: 'Open: comments appear at once unless a rule holds them' },
      { value: 'premoderated', text: 'Pre-moderated: every comment waits for review' },
      { value: 'closed', text: 'Closed: no new comments' },
    ],
    default: 'open',
  },
  {
    kind: 'int',
    key: 'comments.autoCloseHours',
    label: 'Close comments this many hours after publication',
    hint: '0 keeps them open.',
    min: 0,
    max: 100_000,
    default: 0,
  },
  {
    kind: 'int',
    key: 'comments.editWindowMinutes',
    label: 'Edit window in minutes',
    hint: 'How long an author may edit their comment.',
    min: 0,
    max: 10_080,
    default: 15,
  },
  {
    kind: 'choice',
    key: 'comments.unconfirmedEmail',
    label: 'Comments need a confirmed email',
    hint: 'What happens to a comment from a commenter who has not opened the link sent to their address.',
    choices: [
      { value: 'refuse', text: 'Refuse it, with a way to send the link again' },
      { value: 'hold', text: 'Hold it for review' },
      { value: 'allow', text: 'Publish it as usual' },
    ],
    default: 'refuse',
  },
  {
    kind: 'choice',
    key: 'moderation.premoderation',
    label: 'Pre-moderation',
    hint: 'Which comments wait for a moderator before anyone else sees them.',
    choices: [
      { value: 'off', text: 'Off' },
      { value: 'new', text: 'New commenters' },
      { value: 'everyone', text: 'Everyone' },
    ],
    default: 'off',
  },
  {
    kind: 'words',
    key: 'moderation.bannedWords',
    label: 'Banned words',
    hint: 'One word or phrase a line. A comment with one is refused, with a message.',
    default: '',
  },
  {
    kind: 'words',
    key: 'moderation.suspectWords',
    label: 'Suspect words',
    hint: 'One word or phrase a line. A comment with one waits for review.',
    default: '',
  },
  {
    kind: 'int',
    key: 'moderation.linksNeedApproved',
    label: 'Links need this many approved comments',
    hint: 'A comment with a link from someone with fewer approved comments waits for review.',
    min: 0,
    max: 1000,
    default: 3,
  },
  {
    kind: 'int',
    key: 'moderation.manyLinks',
    label: 'Hold comments with this many links or more',
    hint: '0 turns this rule off.',
    min: 0,
    max: 100,
    default: 3,
  },
  {
    kind: 'int',
    key: 'moderation.newCommenterBelow',
    label: 'A commenter is new below this many approved comments',
    hint: 'Used by pre-moderation of new commenters.',
    min: 0,
    max: 1000,
    default: 3,
  },
  {
    kind: 'int',
    key: 'moderation.lowTrustRejected',
    label: 'Hold everything from people rejected this often',
    hint: 'Applies when they have more rejected than approved comments. 0 turns this rule off.',
    min: 0,
    max: 1000,
    default: 2,
  },
  {
    kind: 'int',
    key: 'moderation.reportThreshold',
    label: 'Reports that take a comment back to review',
    hint: 'Open reports from different people.',
    min: 1,
    max: 1000,
    default: 3,
  },
  {
    kind: 'int',
    key: 'moderation.ratePerPerson',
    label: 'Comments per person per rate window',
    hint: 'Staff are not limited.',
    min: 1,
    max: 100_000,
    default: 5,
  },
  {
    kind: 'int',
    key: 'moderation.ratePerAddress',
    label: 'Comments per network address per rate window',
    hint: 'Shared by everyone behind one address.',
    min: 1,
    max: 100_000,
    default: 20,
  },
  {
    kind: 'int',
    key: 'moderation.rateWindowSeconds',
    label: 'Rate window in seconds',
    hint: '',
    min: 1,
    max: 86_400,
    default: 60,
  },
  {
    kind: 'choice',
    key: 'accounts.deletionPolicy',
    label: 'When a reader deletes their account',
    hint: 'What happens to their comments (docs/decisions/0022). Their name, email, password, sign-ins and API tokens go either way.',
    choices: [
      { value: 'anonymise', text: 'Keep their comments, shown as by “Deleted account”' },
      { value: 'remove', text: 'Remove their comments (a placeholder stays where others replied)' },
    ],
    default: 'anonymise',
  },
  {
    kind: 'int',
    key: 'moderation.digestThreshold',
    label: 'Email the moderation digest when this many comments wait',
    hint: 'Held and reported comments together. Moderators choose on their account page whether they get it.',
    min: 1,
    max: 100_000,
    default: 10,
  },
  {
    kind: 'int',
    key: 'moderation.digestMinutes',
    label: 'At most one moderation digest every this many minutes',
    hint: 'At least 60.',
    min: 60,
    max: 10_080,
    default: 60,
  },
];

export const settingKeys = settingDefinitions.map((d) => d.key);

/** Splits a word list into its entries: one a line, trimmed, blank lines and repeats dropped. */
export function parseWords(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const word = line.trim().replace(/\s+/g, ' ');
    if (word) seen.add(word);
  }
  return [...seen];
}

/** What is wrong with a submitted value, for the settings page to word in the reader's language. */
export type SettingProblem =
  | { code: 'whole' }
  | { code: 'range'; min: number; max: number }
  | { code: 'choice' }
  | { code: 'entryLength'; max: number }
  | { code: 'entries'; max: number }
  | { code: 'unusable'; entry: string };

const entryLimit = 100;
const entriesLimit = 2000;

/** The problem in English, as logs and the API say it (pages word it from the catalogue). */
function englishProblem(def: SettingDefinition, problem: SettingProblem): string {
  switch (problem.code) {
    case 'whole':
      return `${def.label}: enter a whole number.`;
    case 'range':
      return `${def.label}: enter a number from ${problem.min} to ${problem.max.toLocaleString('en-GB')}.`;
    case 'choice':
      return `${def.label}: choose one of the options.`;
    case 'entryLength':
      return `${def.label}: each entry can be at most ${problem.max} characters.`;
    case 'entries':
      return `${def.label}: at most ${problem.max.toLocaleString('en-GB')} entries.`;
    case 'unusable':
      return `${def.label}: "${problem.entry}" has no letters or digits.`;
  }
}

/** Checks one submitted value; answers the value to store, or what is wrong with it. */
export function checkSetting(
  def: SettingDefinition,
  raw: string,
): { ok: true; value: string } | { ok: false; problem: SettingProblem } {
  const text = raw.trim();
  if (def.kind === 'int') {
    if (!/^[0-9]{1,7}$/.test(text)) return { ok: false, problem: { code: 'whole' } };
    const n = Number(text);
    if (n < def.min || n > def.max) {
      return { ok: false, problem: { code: 'range', min: def.min, max: def.max } };
    }
    return { ok: true, value: String(n) };
  }
  if (def.kind === 'choice') {
    if (!def.choices.some((c) => c.value === text)) {
      return { ok: false, problem: { code: 'choice' } };
    }
    return { ok: true, value: text };
  }
  const words = parseWords(raw);
  if (words.some((w) => w.length > entryLimit)) {
    return { ok: false, problem: { code: 'entryLength', max: entryLimit } };
  }
  if (words.length > entriesLimit) {
    return { ok: false, problem: { code: 'entries', max: entriesLimit } };
  }
  const unusable = words.find((w) => !/[\p{L}\p{N}]/u.test(w));
  if (unusable !== undefined) return { ok: false, problem: { code: 'unusable', entry: unusable } };
  return { ok: true, value: words.join('\n') };
}

/** Checks one submitted value; answers the value to store, or a message for the person. */
export function validateSetting(
  def: SettingDefinition,
  raw: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const checked = checkSetting(def, raw);
  return checked.ok ? checked : { ok: false, message: englishProblem(def, checked.problem) };
}

/** The effective value of every setting: stored values that are valid, else the defaults. */
export function effectiveSettings(
  stored: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const def of settingDefinitions) {
    const raw = stored[def.key] ?? defaults[def.key];
    const checked = raw === undefined ? null : validateSetting(def, raw);
    out[def.key] = checked?.ok ? checked.value : String(def.default);
  }
  return out;
}

/**
 * The policy from stored settings; `defaults` replace the built-in defaults (the deployment's
 * posting limits, say) where nothing is stored.
 */
export function policyFrom(
  stored: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>> = {},
): ModerationPolicy {
  const s = effectiveSettings(stored, defaults);
  const int = (key: string) => Number(s[key]);
  const windowSeconds = int('moderation.rateWindowSeconds');
  return {
    premoderation: s['moderation.premoderation'] as Premoderation,
    unconfirmedEmail: parseUnconfirmedEmail(s['comments.unconfirmedEmail']),
    bannedWords: parseWords(s['moderation.bannedWords'] ?? ''),
    suspectWords: parseWords(s['moderation.suspectWords'] ?? ''),
    linksNeedApproved: int('moderation.linksNeedApproved'),
    manyLinks: int('moderation.manyLinks'),
    newCommenterBelow: int('moderation.newCommenterBelow'),
    lowTrustRejected: int('moderation.lowTrustRejected'),
    reportThreshold: int('moderation.reportThreshold'),
    ratePerPerson: { max: int('moderation.ratePerPerson'), windowSeconds },
    ratePerAddress: { max: int('moderation.ratePerAddress'), windowSeconds },
    duplicateWindowMinutes: 10,
  };
}
