import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import i18next, { type i18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ja from '../../i18n/ja.json';
import type { ProblemDetail } from './api';
import { cellText, codeText, detailsBeyondSummary, detailText, errorsAt, groupByObligation, problemText, type Translator } from './problems';

let instance: i18n;
const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => values[k] ?? '');
const translator = (locale: 'ja' | 'en'): Translator => ({
  t: instance.getFixedT(locale),
  exists: (key) => instance.exists(key, { lng: locale }),
  locale,
});

beforeAll(async () => {
  instance = i18next.createInstance();
  await instance.init({ resources: { ja: { translation: ja }, en: { translation: en } }, lng: 'ja', interpolation: { escapeValue: false } });
});

/** Codes the backend raises, read from its sources so a new code without a translation fails here. */
function backendCodes(): string[] {
  const root = new URL('../../../../src/assessments/', import.meta.url);
  const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
  const quoted = (text: string, prefix: string) => [...text.matchAll(new RegExp(`'(${prefix}\\.[a-z_]+)'`, 'g'))].map((m) => m[1]!);
  const rules = read('domain/answer-rules.ts');
  const workflow = read('domain/workflow.ts');
  const service = read('assessments-service.ts');
  const kpis = read('domain/kpis.ts');
  const evidence = read('formats/evidence-file.ts');
  const routes = read('api/assessments-routes.ts');
  const poam = read('domain/poam.ts');
  const zip = read('formats/zip-guard.ts');
  const codes = [
    ...quoted(rules, 'answer'),
    ...quoted(workflow, 'workflow'),
    ...quoted(service, 'campaign'),
    ...quoted(service, 'kpi'),
    ...quoted(service, 'answer'),
    ...quoted(kpis, 'kpi'),
    ...quoted(evidence, 'evidence'),
    ...quoted(routes, 'evidence'),
    ...quoted(routes, 'xlsx'),
    ...quoted(zip, 'xlsx'),
    ...quoted(poam, 'poam'),
  ];
  return [...new Set(codes)].sort();
}

describe('codeText', () => {
  it('has a sentence in both languages for every code the assessments backend raises', () => {
    const codes = backendCodes();
    // The scan must find the codes it is meant to check, or this test would pass on nothing.
    expect(codes).toEqual(expect.arrayContaining(['answer.target_date_required', 'workflow.invalid_answers', 'campaign.due_date_invalid', 'kpi.id_duplicate', 'evidence.too_large', 'xlsx.body_required', 'xlsx.zip_bomb', 'poam.milestones_open']));
    for (const locale of ['ja', 'en'] as const) {
      const missing = codes.filter((code) => codeText(translator(locale), code, { n: 1, min: 0, max: 5, today: '2026-04-01', number: '1.1' }) === null);
      expect(missing, locale).toEqual([]);
    }
  });

  it('says what the submission rule asks for, in Japanese first', () => {
    expect(codeText(translator('ja'), 'answer.target_date_required')).toBe(ja.assessments.codes.answer.target_date_required);
    expect(problemText(translator('ja'), { code: 'workflow.invalid_answers', detail: 'x' }, 3, 'generic')).toBe(
      fill(ja.assessments.codes.workflow.invalid_answers, { n: '3' }),
    );
    expect(problemText(translator('en'), { code: 'workflow.invalid_answers', detail: 'x' }, 3, 'generic')).toBe('Cannot submit: 3 problems');
  });

  it('interpolates the parameters the server sends', () => {
    expect(codeText(translator('ja'), 'answer.maturity_out_of_range', { min: 0, max: 5 })).toBe(fill(ja.assessments.codes.answer.maturity_out_of_range, { min: '0', max: '5' }));
    expect(codeText(translator('en'), 'answer.target_date_not_future', { today: '2026-04-01' })).toContain('2026-04-01');
  });
});

describe('detailText and problemText', () => {
  it('fall back to what the server wrote for an unknown code, never to the bare code', () => {
    const detail: ProblemDetail = { path: 'body.x', message: 'the server says so', code: 'something.new' };
    expect(detailText(translator('ja'), detail)).toBe('the server says so');
    expect(problemText(translator('ja'), { code: 'something.new', detail: 'details' }, 1, 'generic')).toBe('details');
    expect(problemText(translator('ja'), new Error('boom'), 0, 'generic')).toBe('generic');
  });

  it('puts a request-validation message (no code, English) inside a sentence in the reader\'s language', () => {
    const detail: ProblemDetail = { path: 'body.title.ja', message: 'Too small: expected string to have >=1 characters' };
    expect(detailText(translator('ja'), detail)).toBe(fill(ja.assessments.fieldInvalid, { message: detail.message }));
    expect(detailText(translator('en'), detail)).toBe(fill(en.assessments.fieldInvalid, { message: detail.message }));
  });

  it("uses the workbook import's English wording for English readers", () => {
    const cell: ProblemDetail = { path: 'sheet!F7', message: 'sheet!F7: (ja wording)', en: 'Answers!F7: Choose a result.', code: 'questionnaire.result_required' };
    expect(detailText(translator('ja'), cell)).toBe(cell.message);
    expect(detailText(translator('en'), cell)).toBe(cell.en);
  });
});

describe('detailsBeyondSummary', () => {
  it('drops what repeats the summary and the untranslated twin of a translated summary, keeps cell errors', () => {
    const tr = translator('ja');
    const notZip: ProblemDetail = { path: 'file', message: 'x', code: 'xlsx.not_zip', en: 'The file is not an XLSX workbook.' };
    expect(detailsBeyondSummary(tr, { code: 'xlsx.not_zip', detail: 'x' }, [notZip])).toEqual([]);
    const raw: ProblemDetail = { path: 'file', message: 'The file is a Windows executable' };
    expect(detailsBeyondSummary(tr, { code: 'evidence.type_not_allowed', detail: 'y' }, [raw])).toEqual([]);
    expect(detailsBeyondSummary(tr, { code: 'something.unknown', detail: 'y' }, [raw])).toEqual([raw]);
    const cell: ProblemDetail = { path: 'sheet!F7', message: 'sheet!F7: (ja wording)', code: 'questionnaire.formula' };
    expect(detailsBeyondSummary(tr, { code: 'questionnaire.invalid', detail: 'z' }, [cell])).toEqual([cell]);
  });
});

describe('cellText', () => {
  it('names the cell before our sentence, and keeps the import wording that already names it', () => {
    const tr = translator('ja');
    const coded: ProblemDetail = { path: 'sheet!H3', message: 'sheet!H3: (ja wording)', code: 'answer.target_date_required' };
    expect(cellText(tr, coded)).toBe(`sheet!H3: ${ja.assessments.codes.answer.target_date_required}`);
    const own: ProblemDetail = { path: 'sheet!F7', message: 'sheet!F7: (ja wording)', code: 'questionnaire.formula' };
    expect(cellText(tr, own)).toBe(own.message);
    expect(cellText(tr, { path: 'file', message: 'x', code: 'xlsx.not_zip' })).toBe(ja.assessments.codes.xlsx.not_zip);
  });
});

describe('groupByObligation', () => {
  const detailArb = fc.record({
    path: fc.oneof(
      fc.nat({ max: 6 }).map((i) => `answers[${i}].targetDate`),
      fc.nat({ max: 6 }).map((i) => `body.answers.${i}.evidenceIds.0`),
      fc.constantFrom('answers', 'body.title', 'sheet!F7'),
    ),
    message: fc.string(),
    obligationKey: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: undefined }),
  });

  it('places every error exactly once, under the obligation it names or resolves to', () => {
    fc.assert(
      fc.property(fc.array(detailArb, { maxLength: 20 }), fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 4 }), (raw, sentKeys) => {
        const details: ProblemDetail[] = raw.map((d) => ({ path: d.path, message: d.message, ...(d.obligationKey ? { obligationKey: d.obligationKey } : {}) }));
        const sent = sentKeys.map((obligationKey) => ({ obligationKey }));
        const { byObligation, general } = groupByObligation(details, sent);
        const placed = [...byObligation.values()].flat().length + general.length;
        expect(placed).toBe(details.length);
        for (const [key, list] of byObligation) {
          for (const d of list) {
            if (d.obligationKey) expect(d.obligationKey).toBe(key);
            else {
              const index = Number(/(\d+)/.exec(d.path)![1]);
              expect(sent[index]?.obligationKey).toBe(key);
            }
          }
        }
        for (const d of general) {
          expect(d.obligationKey).toBeUndefined();
          const m = /^(?:body\.)?answers(?:\[(\d+)\]|\.(\d+))/.exec(d.path);
          if (m) expect(sent[Number(m[1] ?? m[2])]).toBeUndefined();
        }
      }),
    );
  });
});

describe('errorsAt', () => {
  it('takes the field and what lies below it, not a sibling sharing a prefix', () => {
    const details: ProblemDetail[] = [
      { path: 'body.kpis.1', message: 'a' },
      { path: 'body.kpis.1.id', message: 'b' },
      { path: 'body.kpis.10.id', message: 'c' },
    ];
    expect(errorsAt(details, 'body.kpis.1').map((d) => d.message)).toEqual(['a', 'b']);
  });
});
