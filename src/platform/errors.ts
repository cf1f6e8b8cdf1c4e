/**
 * Errors raised on purpose. Each carries a stable `code` (e.g. `org.not_found`) that clients and the
 * web app translate; the HTTP status follows from the kind alone (see problem.ts).
 */
export type DomainErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked'

export interface FieldError {
  /** Dotted path of the offending field, e.g. `body.sectors.0`. */
  path: string
  message: string
  /** A stable code the client translates (e.g. `answer.target_date_required`), with its values. */
  code?: string
  params?: Readonly<Record<string, string | number>>
}

export class DomainError extends Error {
  readonly kind: DomainErrorKind
  readonly code: string
  readonly fieldErrors: FieldError[]
  constructor(kind: DomainErrorKind, code: string, message: string, fieldErrors: FieldError[] = []) {
    super(message)
    this.kind = kind
    this.code = code
    this.fieldErrors = fieldErrors
  }
}

export const invalid = (code: string, message: string, fieldErrors: FieldError[] = []) =>
  new DomainError('invalid', code, message, fieldErrors)
export const forbidden = (message = 'You may not access this resource.') => new DomainError('forbidden', 'forbidden', message)
export const notFound = (what: string) => new DomainError('not_found', `${what}.not_found`, `No such ${what}.`)
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message)
export const unauthenticated = (code = 'auth.required', message = 'Sign in first.') =>
  new DomainError('unauthenticated', code, message)
