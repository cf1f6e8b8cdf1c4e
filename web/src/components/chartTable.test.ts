import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UTF8_BOM, buildCsv, csvField, csvFileName, formatNumber, suppressed, text, value, type ChartTable } from './chartTable';

// Japanese test strings are written as escapes: source files hold no Japanese outside the i18n resources.
const IRYOU = '\u533b\u7642'; // "medical"
const TOO_FEW = '\u975e\u8868\u793a\uff085\u4e8b\u696d\u8005\u672a\u6e80\uff09';
const SECRET = '\u975e\u8868\u793a\uff08\u79d8\u533f\u306e\u305f\u3081\uff09';
const labels = {
  reasonColumn: 'reason',
  reason: (r: 'too_few_operators' | 'complementary') => (r === 'too_few_operators' ? TOO_FEW : SECRET),
};

/** A small RFC 4180 reader, to check what a spreadsheet would read back. */
function parseCsv(input: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && input[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const scores: ChartTable = {
  columns: [
    { key: 'group', label: 'group', format: 'text' },
    { key: 'operators', label: 'operators', format: 'count' },
    { key: 'value', label: 'score', format: 'percent' },
  ],
  rows: [
    { key: 'national', cells: { group: text('national'), operators: value(12), value: value(0.7254) } },
    { key: 'sector:medical', cells: { group: text(IRYOU), operators: value(3), value: suppressed('too_few_operators') } },
    { key: 'sector:finance', cells: { group: text('finance'), operators: value(9), value: suppressed('complementary') } },
    { key: 'sector:water', cells: { group: text('water'), operators: value(0), value: value(null) } },
  ],
};

describe('csvField', () => {
  it('leaves plain text and Japanese alone', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField(IRYOU)).toBe(IRYOU);
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('reads back as the same text for any string', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (fields) => {
        const line = fields.map(csvField).join(',');
        expect(parseCsv(`${line}\r\n`)).toEqual([fields]);
      }),
    );
  });
});

describe('buildCsv', () => {
  const csv = buildCsv(scores, labels);

  it('starts with the UTF-8 byte order mark and ends lines with CRLF', () => {
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toHaveLength(scores.rows.length + 2);
  });

  it('writes numbers as numbers: percent with one decimal, no % sign', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual(['group', 'operators', 'score (%)', 'reason']);
    expect(rows[1]).toEqual(['national', '12', '72.5', '']);
  });

  it('leaves suppressed values empty (not 0) and says why in the reason column', () => {
    const rows = parseCsv(csv.slice(1));
    expect(rows[2]).toEqual([IRYOU, '3', '', TOO_FEW]);
    expect(rows[3]).toEqual(['finance', '9', '', SECRET]);
  });

  it('leaves a missing value empty without a reason', () => {
    expect(parseCsv(csv.slice(1))[4]).toEqual(['water', '0', '', '']);
  });

  it('names the column of each suppressed cell when a row has several value columns', () => {
    const wide: ChartTable = {
      columns: [
        { key: 'n', label: 'No.', format: 'text' },
        { key: 'national', label: 'national', format: 'percent' },
        { key: 'sector:a', label: 'A', format: 'percent' },
        { key: 'sector:b', label: 'B', format: 'percent' },
      ],
      rows: [{ key: 'r', cells: { n: text('1.1'), national: value(0.5), 'sector:a': suppressed('too_few_operators'), 'sector:b': suppressed('complementary') } }],
    };
    expect(parseCsv(buildCsv(wide, labels).slice(1))[1]).toEqual(['1.1', '50', '', '', `A: ${TOO_FEW}; B: ${SECRET}`]);
  });

  it('escapes names with commas, quotes and line breaks, and defuses formulas', () => {
    const table: ChartTable = {
      columns: [{ key: 'name', label: 'name, "quoted"', format: 'text' }],
      rows: [
        { key: '1', cells: { name: text(`${IRYOU}, "A"\nB`) } },
        { key: '2', cells: { name: text('=HYPERLINK("x")') } },
      ],
    };
    const rows = parseCsv(buildCsv(table, labels).slice(1));
    expect(rows[0]).toEqual(['name, "quoted"', 'reason']);
    expect(rows[1]).toEqual([`${IRYOU}, "A"\nB`, '']);
    expect(rows[2]).toEqual(['\'=HYPERLINK("x")', '']);
  });

  it('keeps one field per column for any table', () => {
    const cell = fc.oneof(
      fc.string().map(text),
      fc.option(fc.double({ min: -1, max: 5, noNaN: true })).map(value),
      fc.constantFrom('too_few_operators' as const, 'complementary' as const).map(suppressed),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (cells) => {
        const table: ChartTable = {
          columns: [
            { key: 'a', label: 'a', format: 'text' },
            { key: 'b', label: 'b', format: 'percent' },
            { key: 'c', label: 'c', format: 'maturity' },
          ],
          rows: cells.map((r, i) => ({ key: String(i), cells: { a: r[0]!, b: r[1]!, c: r[2]! } })),
        };
        const rows = parseCsv(buildCsv(table, labels).slice(1));
        expect(rows).toHaveLength(cells.length + 1);
        for (const row of rows) expect(row).toHaveLength(4);
        cells.forEach((r, i) => {
          r.forEach((c, j) => {
            if (c.kind === 'suppressed') expect(rows[i + 1]![j]).toBe('');
            if (c.kind === 'value' && c.value !== null) expect(Number(rows[i + 1]![j])).not.toBeNaN();
          });
          expect(rows[i + 1]![3] === '').toBe(!r.some((c) => c.kind === 'suppressed'));
        });
      }),
    );
  });
});

describe('formatNumber', () => {
  it('shows shares as percent with one decimal', () => {
    expect(formatNumber(0.7254, 'percent', 'ja')).toBe('72.5%');
    expect(formatNumber(1, 'percent', 'en')).toBe('100.0%');
  });

  it('shows share differences in signed percentage points', () => {
    expect(formatNumber(0.032, 'delta', 'ja')).toBe('+3.2 pt');
    expect(formatNumber(-0.1, 'delta', 'ja')).toBe('-10.0 pt');
    expect(formatNumber(0, 'delta', 'ja')).toBe('0.0 pt');
  });

  it('shows maturity with two decimals and counts whole with grouping', () => {
    expect(formatNumber(2.5, 'maturity', 'ja')).toBe('2.50');
    expect(formatNumber(-0.25, 'maturityDelta', 'ja')).toBe('-0.25');
    expect(formatNumber(12345, 'count', 'ja')).toBe('12,345');
  });
});

describe('csvFileName', () => {
  it('replaces characters file systems refuse and adds .csv', () => {
    expect(csvFileName('scores-2025/Q1')).toBe('scores-2025_Q1.csv');
    expect(csvFileName(`${IRYOU}:a*b`)).toBe(`${IRYOU}_a_b.csv`);
    expect(csvFileName('  ')).toBe('table.csv');
  });
});
