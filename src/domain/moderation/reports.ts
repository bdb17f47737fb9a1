import type { ModerationPolicy } from './policy.js';
import type { Reason } from './types.js';

export const reportReasons = ['spam', 'abuse', 'off-topic', 'other'] as const;
export type ReportReason = (typeof reportReasons)[number];

export function isReportReason(value: string): value is ReportReason {
  return (reportReasons as readonly string[]).includes(value);
}

export const reportReasonLabels: Record<ReportReason, string> = {
  spam: 'Spam',
  abuse: 'Abuse or harassment',
  'off-topic': 'Off topic',
  other: 'Something else',
};

/**
 * Enough open reports take a published comment back to review; answers the reason to store, or
 * null while the comment stays up.
 */
export function reportThresholdReached(
  status: string,
  openReports: number,
  policy: Pick<ModerationPolicy, 'reportThreshold'>,
): Reason | null {
  if (status !== 'published' || openReports < policy.reportThreshold) return null;
  return { code: 'reported', detail: `${openReports} reports` };
}
