import type { Locale } from '../../api/types';
import type { Localized, Parameter, ParamValue } from './types';

/** The text in the wanted language, or the other one when a source has only one (NIST documents: English only). */
export function pick(text: Localized | undefined | null, locale: Locale): string {
  if (!text) return '';
  const first = locale === 'en' ? text.en : text.ja;
  return first || (locale === 'en' ? text.ja : text.en);
}

export type TextSegment = { kind: 'text'; text: string } | { kind: 'param'; id: string; value: string; known: boolean };

/**
 * OSCAL parameter insertion (`{{ insert: param, ID }}`), split into segments so the value can be shown
 * highlighted. A parameter the node does not list, or one without a value, stays visible as its label or
 * id instead of silently vanishing.
 */
const INSERT = /\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}/g;

export function formatParamValue(value: ParamValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

export function insertParams(text: string, parameters: readonly Parameter[], locale: Locale): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(INSERT)) {
    const index = match.index ?? 0;
    if (index > last) segments.push({ kind: 'text', text: text.slice(last, index) });
    const id = match[1] ?? '';
    const param = parameters.find((p) => p.id === id);
    const hasValue = param !== undefined && param.value !== null;
    segments.push({
      kind: 'param',
      id,
      value: hasValue ? formatParamValue(param.value) : `[${param ? pick(param.label, locale) || id : id}]`,
      known: hasValue,
    });
    last = index + match[0].length;
  }
  if (last < text.length) segments.push({ kind: 'text', text: text.slice(last) });
  return segments;
}

/** The same as plain text (search, exports, titles). */
export function renderParamsText(text: string, parameters: readonly Parameter[], locale: Locale): string {
  return insertParams(text, parameters, locale)
    .map((s) => (s.kind === 'text' ? s.text : s.value))
    .join('');
}
