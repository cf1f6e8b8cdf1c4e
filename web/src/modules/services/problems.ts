import type { TFunction } from 'i18next';
import type { Locale } from '../../api/types';
import type { ProblemDetail } from './http';

/**
 * Problem codes of the services and dependencies APIs in words. Codes the backends raise on purpose
 * (service.*, criteria.*, designation.*, dependencies.*, import.*) have a sentence under `ciCodes`; an unknown
 * code falls back to what the server wrote, so nothing is shown as a bare code.
 */

export interface Translator {
  t: TFunction;
  exists: (key: string) => boolean;
  locale: Locale;
}

const codeKey = (code: string) => `ciCodes.${code}`;

/** A translated sentence for `code`, or null when the code has none. */
export function codeText(tr: Translator, code: string | undefined, params: Record<string, string | number> = {}): string | null {
  if (!code) return null;
  const key = codeKey(code);
  if (!tr.exists(key)) return null;
  return tr.t(key as never, params as never) as unknown as string;
}

/**
 * Paths as the form addresses fields: request-validation prefixes (`body.`) dropped and brackets as dots, so
 * `body.prefectures[0].people`, `prefectures.0.people` and `prefectures[0].people` are the same field.
 */
export function normalisePath(path: string): string {
  return path
    .replace(/^(body|query|params)(\.|$)/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** The errors of one form field: exactly `path`, or anything below it (`prefectures.0` holds `prefectures.0.people`). */
export function errorsAt(details: readonly ProblemDetail[], path: string): ProblemDetail[] {
  return details.filter((d) => {
    const p = normalisePath(d.path);
    return p === path || p.startsWith(`${path}.`);
  });
}

/** Errors that no field in `shownPaths` displays (shown above the form instead). */
export function unplacedErrors(details: readonly ProblemDetail[], shownPaths: readonly string[]): ProblemDetail[] {
  return details.filter((d) => {
    const p = normalisePath(d.path);
    return !shownPaths.some((s) => p === s || p.startsWith(`${s}.`));
  });
}

/**
 * The spreadsheet row an import error concerns, as people count rows (the header is row 1): the server's
 * `row` when it sends one, else the index in `rows[N]`, which the import API already numbers that way.
 */
export function importRow(detail: ProblemDetail): number | null {
  if (detail.row !== undefined) return detail.row;
  const m = /^(?:body\.)?rows?(?:\[(\d+)\]|\.(\d+))/.exec(detail.path);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** The column an import error names (`rows[4].mtpdHours` → `mtpdHours`), or null. */
export function importColumn(detail: ProblemDetail): string | null {
  const m = /^(?:body\.)?rows?(?:\[\d+\]|\.\d+)\.?(.*)$/.exec(detail.path);
  if (!m) return null;
  return m[1] ? m[1] : null;
}

/** One field error in words: our sentence for its code, else the server's wording (English for request validation). */
export function detailText(tr: Translator, detail: ProblemDetail): string {
  const own = codeText(tr, detail.code, detail.params);
  if (own !== null) return own;
  if (!detail.code) {
    // Request validation (zod) sends English without a code; the common cases have a sentence of their own.
    if (/^unknown field$/i.test(detail.message)) return tr.t('ciCommon.unknownField');
    if (/expected number/i.test(detail.message)) return tr.t('ciCommon.expectedNumber');
    if (/expected string|too_small|at least 1 character/i.test(detail.message)) return tr.t('ciCommon.expectedText');
    return tr.t('ciCommon.fieldInvalid', { message: detail.message || detail.path });
  }
  return detail.message || detail.path;
}

/** The problem as a whole: our sentence for its code (with the number of field errors), else its detail. */
export function problemText(tr: Translator, problem: unknown, count: number, fallback: string): string {
  const p = (problem ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
  const own = typeof p.code === 'string' ? codeText(tr, p.code, { n: count }) : null;
  if (own !== null) return own;
  if (typeof p.detail === 'string' && p.detail) return p.detail;
  return typeof p.title === 'string' && p.title ? p.title : fallback;
}
