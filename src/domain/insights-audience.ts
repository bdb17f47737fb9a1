/**
 * Whether a request is a reader's view worth counting. Three groups of rules, in order:
 *
 * - the reader asked not to be counted: `DNT: 1` or `Sec-GPC: 1`;
 * - a known robot by its user agent (the `isbot` list, maintained upstream; pinned exactly);
 * - robot-like behaviour: no user agent at all, no Accept-Language (every browser sends one), a
 *   prefetch or prerender the reader may never look at, or an Accept header that does not ask
 *   for HTML (feed readers, link checkers, preview fetchers).
 *
 * Nothing is kept of the headers: the answer is a yes or a no with its reason (for tests and the
 * documentation), decided the moment the page is answered.
 */
import { isbot } from 'isbot';

/** The request headers the rules read (Node's lower-cased header object fits). */
export interface ViewHeaders {
  'user-agent'?: string | undefined;
  'accept-language'?: string | undefined;
  accept?: string | undefined;
  dnt?: string | string[] | undefined;
  'sec-gpc'?: string | string[] | undefined;
  purpose?: string | string[] | undefined;
  'sec-purpose'?: string | string[] | undefined;
}

export type NotCounted =
  | 'do-not-track'
  | 'global-privacy-control'
  | 'robot'
  | 'no-user-agent'
  | 'no-language'
  | 'prefetch'
  | 'not-html';

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Why a request is not counted, or null when it is a reader's view. */
export function notCounted(headers: ViewHeaders): NotCounted | null {
  return privacySignal(headers) ?? robotAgent(headers['user-agent']) ?? robotBehaviour(headers);
}

/** The reader asked not to be counted. */
export function privacySignal(headers: Pick<ViewHeaders, 'dnt' | 'sec-gpc'>): NotCounted | null {
  if (first(headers.dnt)?.trim() === '1') return 'do-not-track';
  if (first(headers['sec-gpc'])?.trim() === '1') return 'global-privacy-control';
  return null;
}

/** A known robot, or no user agent at all (callers may remember the answer per agent). */
export function robotAgent(agent: string | undefined): NotCounted | null {
  if (!agent) return 'no-user-agent';
  return isbot(agent) ? 'robot' : null;
}

/** Headers no browser sends for a page a person looks at. */
export function robotBehaviour(
  headers: Pick<ViewHeaders, 'accept-language' | 'accept' | 'purpose' | 'sec-purpose'>,
): NotCounted | null {
  if (!headers['accept-language']) return 'no-language';
  const purpose = first(headers['sec-purpose']) ?? first(headers.purpose);
  if (purpose !== undefined && /prefetch|prerender/i.test(purpose)) return 'prefetch';
  const accept = headers.accept;
  if (accept !== undefined && !/text\/html|\*\/\*/i.test(accept)) return 'not-html';
  return null;
}
