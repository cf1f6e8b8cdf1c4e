import { csrfToken } from '../../api/client';
import { asText as text, DetailedProblem, readParams, readProblem } from '../../api/problem';

/**
 * Requests of the services and dependencies modules. The shared client keeps only `path` and `message` of a
 * problem's field errors; these modules also need the stable `code` (translated on the page), its `params`
 * and, for imports, the spreadsheet row, so they read problems themselves. They also send raw bodies (imports).
 */

export interface ProblemDetail {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
  /** Import errors: the spreadsheet row (header = row 1). */
  row?: number;
}

/** An ApiError (so ErrorAlert and the 401 handling still work) with the field errors in full. */
export class ModuleProblem extends DetailedProblem<ProblemDetail> {}

export function isModuleProblem(error: unknown): error is ModuleProblem {
  return error instanceof ModuleProblem;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One field error as sent; unknown members are dropped, numeric `row` kept. */
export function readDetail(raw: Record<string, unknown>): ProblemDetail {
  const params = readParams(raw);
  const row = typeof raw.row === 'number' && Number.isInteger(raw.row) ? raw.row : undefined;
  return {
    path: text(raw.path),
    message: text(raw.message),
    ...(text(raw.code) ? { code: text(raw.code) } : {}),
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(row !== undefined ? { row } : {}),
  };
}

async function problemOf(response: Response): Promise<ModuleProblem> {
  return new ModuleProblem(await readProblem(response, readDetail));
}

export type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export interface RequestInit {
  json?: unknown;
  raw?: Blob;
  contentType?: string;
  query?: Query;
  signal?: AbortSignal;
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestInit = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
    body = options.raw;
  }
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ModuleProblem({ status: 0, code: 'network_error', title: 'Network error', detail: '', details: [] });
  }
  if (!response.ok) throw await problemOf(response);
  const content = await response.text();
  return (content ? JSON.parse(content) : undefined) as T;
}

/** The content type an import sends for a file, by its extension. */
export function importFormat(file: File): { format: 'csv' | 'xlsx'; contentType: string } {
  return /\.xlsx$/i.test(file.name) ? { format: 'xlsx', contentType: XLSX_TYPE } : { format: 'csv', contentType: 'text/csv' };
}
