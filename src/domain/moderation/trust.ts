import { allow, hold, type Rule } from './types.js';

/**
 * Trust grows with approved comments and falls with rejected ones: someone rejected often, and
 * more often than approved, has everything reviewed until their record recovers.
 */
export const holdLowTrust: Rule = (s) => {
  const { approved, rejected } = s.record;
  const threshold = s.policy.lowTrustRejected;
  if (threshold === 0 || rejected < threshold || rejected <= approved) return allow;
  return hold('low-trust', `${rejected} rejected, ${approved} approved`);
};
