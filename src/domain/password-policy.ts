/**
 * What makes a password acceptable: at least 10 characters, at most 200, and not one of the
 * passwords that attackers try first. The list of common passwords is injected, so this module
 * stays pure.
 */
export const minPasswordLength = 10;
export const maxPasswordLength = 200;

export function passwordProblem(password: string, isCommon: (p: string) => boolean): string | null {
  const length = [...password].length;
  if (length < minPasswordLength)
    return `The password must be at least ${minPasswordLength} characters.`;
  if (length > maxPasswordLength)
    return `The password must be at most ${maxPasswordLength} characters.`;
  if (isCommon(password.toLowerCase())) {
    return 'That password is one of the most common ones, which attackers try first. Choose another.';
  }
  if (/^(.)\1+$/u.test(password)) return 'The password must not be one character repeated.';
  return null;
}
