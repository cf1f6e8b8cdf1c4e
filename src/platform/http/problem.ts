import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { DomainError, type DomainErrorKind, type FieldError } from '../errors.ts'

/** RFC 9457 problem details. `code` is our stable machine-readable extension. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  code: string
  errors?: FieldError[]
}

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 429,
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, status: number, code: string, detail: string, errors?: FieldError[]) {
  const problem: Problem = {
    type: `https://kaname.example/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  }
  return reply.status(status).type('application/problem+json; charset=utf-8').send(problem)
}

/**
 * The single error handler. Only errors raised on purpose reach the client with their text;
 * anything else becomes a generic 500 logged with the request id, so driver or stack text never leaks.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    return sendProblem(reply, request, STATUS[error.kind], error.code, error.message, error.fieldErrors)
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = error.validationContext ?? 'body'
    // zod reports unknown keys once, on the parent object: give each key its own entry naming it.
    const errors = error.validation.flatMap((issue) => {
      const keys = unknownKeys(issue.params)
      const base = [part, ...issue.instancePath.split('/')]
      const paths = keys.length > 0 ? keys.map((key) => [...base, key]) : [base]
      return paths.map((segments) => ({
        path: segments.filter((s) => s !== '').join('.'),
        message: keys.length > 0 ? 'unknown field' : issue.message ?? 'invalid',
      }))
    })
    return sendProblem(reply, request, 400, 'request.invalid', `Invalid ${part}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, errors)
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500
  if (status >= 400 && status < 500) {
    return sendProblem(reply, request, status, fastifyCode(error), clientMessage(error), fastifyFieldErrors(error))
  }
  request.log.error({ err: error }, 'unhandled error')
  return sendProblem(reply, request, 500, 'internal', 'An unexpected error occurred. Quote the request id when reporting it.')
}

function unknownKeys(params: unknown): string[] {
  // fastify-type-provider-zod copies the zod issue's own fields (here `keys`) into `params`.
  const keys = (params as { keys?: unknown } | undefined)?.keys
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : []
}

function fastifyCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return 'request.body_too_large'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return 'request.unsupported_media_type'
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return 'request.empty_body'
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return 'request.malformed_json'
    default:
      if (error instanceof SyntaxError) return 'request.malformed_json'
      return error.statusCode === 429 ? 'request.rate_limited' : 'request.invalid'
  }
}

function clientMessage(error: FastifyError): string {
  if (fastifyCode(error) === 'request.malformed_json') return 'The body is not valid JSON (or not valid UTF-8).'
  return error.message
}

function fastifyFieldErrors(error: FastifyError): FieldError[] | undefined {
  const code = fastifyCode(error)
  if (code === 'request.malformed_json' || code === 'request.body_too_large' || code === 'request.empty_body') {
    return [{ path: 'body', message: clientMessage(error) }]
  }
  if (code === 'request.unsupported_media_type') return [{ path: 'headers.content-type', message: error.message }]
  return undefined
}
