import { ApiError } from './client';

/**
 * Reading an RFC 9457 problem in full, for the modules whose pages need more of each field error than the
 * shared client keeps (`path` and `message`): the stable `code` the page translates, its `params`, and
 * whatever else a module adds (a spreadsheet row, an obligation key). Each module supplies how it reads one
 * field error; the envelope is read here once.
 */

export const asText = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The string and number members of a field error's `params`; anything else is dropped. */
export function readParams(raw: Record<string, unknown>): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  if (raw.params && typeof raw.params === 'object') {
    for (const [k, v] of Object.entries(raw.params as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    }
  }
  return params;
}

/** An ApiError (so ErrorAlert and the 401 handling still work) with the field errors in full. */
export class DetailedProblem<D extends { path: string; message: string }> extends ApiError {
  readonly details: D[];
  constructor(init: ConstructorParameters<typeof ApiError>[0] & { details: D[] }) {
    super(init);
    this.details = init.details;
  }
}

/** The envelope of a failed response and its field errors, read with `readDetail`; an unreadable body gives status alone. */
export async function readProblem<D extends { path: string; message: string }>(
  response: Response,
  readDetail: (raw: Record<string, unknown>) => D,
): Promise<ConstructorParameters<typeof ApiError>[0] & { details: D[] }> {
  let body: Record<string, unknown> = {};
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = (await response.json()) as Record<string, unknown>;
    } catch {
      // An unreadable body is reported by status alone.
    }
  }
  const details = Array.isArray(body.errors)
    ? body.errors.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null).map(readDetail)
    : [];
  return {
    status: response.status,
    code: asText(body.code) || `http.${response.status}`,
    title: asText(body.title) || response.statusText,
    detail: asText(body.detail),
    errors: details.map((d) => ({ path: d.path, message: d.message })),
    details,
  };
}
