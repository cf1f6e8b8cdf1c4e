/**
 * Password policy, after NIST SP 800-63B: length over composition rules. At least 12 characters, at most 256,
 * not mostly one repeated character, not containing the account's e-mail local part, not on a short list of
 * the most common choices. Returns the reasons it fails (empty when acceptable).
 */
const COMMON = new Set(['password1234', '123456789012', 'qwertyuiopas', 'passwordpassword', 'kaname123456', 'administrator'])

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256

export type PasswordProblem = 'too_short' | 'too_long' | 'repetitive' | 'contains_email' | 'common'

export function passwordProblems(password: string, email: string): PasswordProblem[] {
  const problems: PasswordProblem[] = []
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short')
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long')
  if (length > 0 && new Set(password).size < 4) problems.push('repetitive')
  const local = email.split('@')[0]?.toLowerCase() ?? ''
  if (local.length >= 4 && password.toLowerCase().includes(local)) problems.push('contains_email')
  if (COMMON.has(password.toLowerCase())) problems.push('common')
  return problems
}

const MESSAGES: Record<PasswordProblem, string> = {
  too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  too_long: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  repetitive: 'must use at least 4 different characters',
  contains_email: 'must not contain the e-mail name',
  common: 'is too common',
}

export function describePasswordProblems(problems: PasswordProblem[]): string {
  return problems.map((p) => MESSAGES[p]).join('; ')
}
