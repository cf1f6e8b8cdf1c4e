import type { TFunction } from 'i18next';
import type { Locale } from '../../api/types';
import type { ProblemDetail } from './api';

/**
 * Problem codes of the assessments API in words. Every code the backend raises on purpose (answer.*,
 * workflow.*, campaign.*, kpi.*, evidence.*, xlsx.*, poam.*, …) has a sentence under `assessments.codes`;
 * an unknown code falls back to what the server wrote, so nothing is ever shown as a bare code.
 */

export interface Translator {
  t: TFunction;
  /** Whether a translation key exists (i18next.exists). */
  exists: (key: string) => boolean;
  locale: Locale;
}

const codeKey = (code: string) => `assessments.codes.${code}`;

/** A translated sentence for `code`, or null when the code has none. */
export function codeText(tr: Translator, code: string | undefined, params: Record<string, string | number> = {}): string | null {
  if (!code) return null;
  const key = codeKey(code);
  if (!tr.exists(key)) return null;
  return tr.t(key as never, params as never) as unknown as string;
}

/**
 * One field error in words: our sentence for its code; else the workbook import's own wording in the
 * reader's language (it sends Japanese and English); else the server's message. A field error without any
 * code (request validation) is English: it is shown inside a sentence in the reader's language.
 */
export function detailText(tr: Translator, detail: ProblemDetail): string {
  const own = codeText(tr, detail.code, detail.params);
  if (own !== null) return own;
  if (tr.locale === 'en' && detail.en) return detail.en;
  if (!detail.code && !detail.en) return tr.t('assessments.fieldInvalid', { message: detail.message || detail.path });
  return detail.message || detail.path;
}

/**
 * A workbook import error with the cell it names first (`<sheet>!F7: …`): our sentence for its code after the
 * cell, else the import's own wording, which already starts with the cell.
 */
export function cellText(tr: Translator, detail: ProblemDetail): string {
  const own = codeText(tr, detail.code, detail.params);
  if (own !== null) return detail.path && detail.path !== 'file' ? `${detail.path}: ${own}` : own;
  return detailText(tr, detail);
}

/** The problem as a whole: our sentence for its code (with the number of field errors), else its detail. */
export function problemText(tr: Translator, problem: unknown, count: number, fallback: string): string {
  const p = (problem ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
  const own = typeof p.code === 'string' ? codeText(tr, p.code, { n: count }) : null;
  if (own !== null) return own;
  if (typeof p.detail === 'string' && p.detail) return p.detail;
  return typeof p.title === 'string' && p.title ? p.title : fallback;
}

/**
 * The field errors worth listing under a problem's summary: not those saying the same as the summary, nor,
 * when the summary is our own sentence, the server's untranslated (code-less) wording of the same thing.
 */
export function detailsBeyondSummary(tr: Translator, problem: unknown, details: readonly ProblemDetail[]): ProblemDetail[] {
  const code = (problem as { code?: unknown } | null)?.code;
  const summary = problemText(tr, problem, details.length, '');
  const translated = typeof code === 'string' && codeText(tr, code, { n: details.length }) !== null;
  return details.filter((d) => detailText(tr, d) !== summary && (d.code !== undefined || !translated));
}

const INDEXED = /^(?:body\.)?answers(?:\[(\d+)\]|\.(\d+))/;

/**
 * Field errors grouped by the obligation they concern: by `obligationKey` when the server names it, else by
 * the answer index in the path (`answers[3].targetDate`, `body.answers.3.evidenceIds.0`) resolved against
 * the answers that were sent. Errors that name no obligation are returned under `general`.
 */
export function groupByObligation(
  details: readonly ProblemDetail[],
  sent: readonly { obligationKey: string }[] = [],
): { byObligation: Map<string, ProblemDetail[]>; general: ProblemDetail[] } {
  const byObligation = new Map<string, ProblemDetail[]>();
  const general: ProblemDetail[] = [];
  for (const d of details) {
    let key = d.obligationKey;
    if (!key) {
      const m = INDEXED.exec(d.path);
      const index = m ? Number(m[1] ?? m[2]) : NaN;
      key = Number.isInteger(index) ? sent[index]?.obligationKey : undefined;
    }
    if (key) {
      const list = byObligation.get(key) ?? [];
      list.push(d);
      byObligation.set(key, list);
    } else {
      general.push(d);
    }
  }
  return { byObligation, general };
}

/** The errors of one form field: exactly `path`, or anything below it (`body.kpis.0` holds `body.kpis.0.id`). */
export function errorsAt(details: readonly ProblemDetail[], path: string): ProblemDetail[] {
  return details.filter((d) => d.path === path || d.path.startsWith(`${path}.`));
}
