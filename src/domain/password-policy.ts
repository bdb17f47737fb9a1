/**
 * What makes a password acceptable: at least 10 characters, at most 200, and not one of the
 * passwords that attackers try first. The list of common passwords is injected, so this module
 * stays pure.
 */
export const minPasswordLength = 10;
export const maxPasswordLength = 200;

/** Why a password is refused; the names are error conditions (src/errors.ts). */
export interface PasswordProblem {
  condition: 'password_too_short' | 'password_too_long' | 'password_common' | 'password_repeated';
  message: string;
}

export function passwordProblem(
  password: string,
  isCommon: (p: string) => boolean,
): PasswordProblem | null {
  const length = [...password].length;
  if (length < minPasswordLength) {
    return {
      condition: 'password_too_short',
      message: `The password must be at least ${minPasswordLength} characters.`,
    };
  }
  if (length > maxPasswordLength) {
    return {
      condition: 'password_too_long',
      message: `The password must be at most ${maxPasswordLength} characters.`,
    };
  }
  if (isCommon(password.toLowerCase())) {
    return {
      condition: 'password_common',
      message:
        'That password is one of the most common ones, which attackers try first. Choose another.',
    };
  }
  if (/^(.)\1+$/u.test(password)) {
    return {
      condition: 'password_repeated',
      message: 'The password must not be one character repeated.',
    };
  }
  return null;
}
