import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsv } from '../../components/chartTable';
import { groupedBarOption, heatmapOption, heatmapPoints, shorten, stackedBarOption } from './dashboardCharts';
import { aggregateCell, aggregateTable, chapterTable, groupName, heatmapTable, kpiTable, orderGroups, statusTable } from './dashboardTables';
import type { AggregateRow, HeatmapRow, KpiView, TrendRow } from './dashboardTypes';

const NATIONAL = '\u5168\u56fd';
const names = {
  national: NATIONAL,
  sector: (id: string) => `S(${id})`,
  tier: (id: string) => `T(${id})`,
};
const headers = { group: 'group', operators: 'operators', value: 'score', previous: 'previous', delta: 'change' };
const chartText = { locale: 'ja', suppression: (r: string) => `hidden:${r}`, noValue: '-' };

const shown = (id: string, v: number | null, n = 6, measure = 'score', dims: Record<string, string> = {}): AggregateRow => ({
  id, measure, dims, operatorCount: n, suppressed: false, value: v,
});
const hidden = (id: string, reason: 'too_few_operators' | 'complementary', n = 3, measure = 'score', dims: Record<string, string> = {}): AggregateRow => ({
  id, measure, dims, operatorCount: n, suppressed: true, reason,
});

describe('groupName', () => {
  it('names national, sectors, tiers and their combinations', () => {
    expect(groupName('national', names)).toBe(NATIONAL);
    expect(groupName('sector:medical', names)).toBe('S(medical)');
    expect(groupName('tier:medical-small', names)).toBe('T(medical-small)');
    expect(groupName('sector:medical/tier:medical-small', names)).toBe('S(medical) / T(medical-small)');
  });
});

describe('orderGroups', () => {
  it('puts national first, then sectors, then tiers, keeping the order within each', () => {
    const ids = ['tier:b', 'sector:z', 'national', 'sector:a', 'tier:a'].map((id) => ({ id }));
    expect(orderGroups(ids).map((x) => x.id)).toEqual(['national', 'sector:z', 'sector:a', 'tier:b', 'tier:a']);
  });
});

describe('aggregateCell', () => {
  it('is a suppressed cell with its reason, never a value, for a suppressed row', () => {
    expect(aggregateCell(hidden('sector:a', 'complementary'))).toEqual({ kind: 'suppressed', reason: 'complementary' });
    expect(aggregateCell(shown('sector:a', 0))).toEqual({ kind: 'value', value: 0 });
    expect(aggregateCell(undefined)).toEqual({ kind: 'value', value: null });
  });
});

describe('statusTable', () => {
  it('has a row per sector with the five statuses and the total', () => {
    const table = statusTable(
      [{ sectorId: 'medical', counts: { draft: 2, submitted: 1, under_review: 0, returned: 1, accepted: 3 }, total: 7 }],
      (id) => `S(${id})`,
      { sector: 'sector', draft: 'd', submitted: 's', under_review: 'u', returned: 'r', accepted: 'a', total: 't' },
    );
    expect(table.columns.map((c) => c.label)).toEqual(['sector', 'd', 's', 'u', 'r', 'a', 't']);
    expect(table.rows[0]!.cells).toMatchObject({ sector: { text: 'S(medical)' }, draft: { value: 2 }, accepted: { value: 3 }, total: { value: 7 } });
  });
});

describe('aggregateTable', () => {
  const rows = [hidden('sector:medical', 'too_few_operators'), shown('national', 0.72, 12), hidden('sector:finance', 'complementary', 7)];
  const trend: TrendRow[] = [
    { id: 'national', measure: 'score', dims: {}, current: 0.72, previous: 0.6, delta: 0.12 },
    { id: 'sector:medical', measure: 'score', dims: {}, current: null, previous: 0.5, delta: null },
  ];

  it('orders groups and keeps suppressed rows as suppressed with their operator count', () => {
    const table = aggregateTable(rows, [], names, headers, 'percent');
    expect(table.columns.map((c) => c.key)).toEqual(['group', 'operators', 'value']);
    expect(table.rows.map((r) => r.key)).toEqual(['national', 'sector:medical', 'sector:finance']);
    expect(table.rows[1]!.cells.value).toEqual({ kind: 'suppressed', reason: 'too_few_operators' });
    expect(table.rows[1]!.cells.operators).toEqual({ kind: 'value', value: 3 });
  });

  it('adds previous and change columns when there is a trend', () => {
    const table = aggregateTable(rows, trend, names, headers, 'percent');
    expect(table.columns.map((c) => [c.key, c.format])).toEqual([
      ['group', 'text'], ['operators', 'count'], ['value', 'percent'], ['previous', 'percent'], ['delta', 'delta'],
    ]);
    expect(table.rows[0]!.cells).toMatchObject({ previous: { value: 0.6 }, delta: { value: 0.12 } });
    expect(table.rows[1]!.cells).toMatchObject({ value: { kind: 'suppressed' }, previous: { value: 0.5 }, delta: { value: null } });
    expect(table.rows[2]!.cells).toMatchObject({ previous: { value: null }, delta: { value: null } });
  });

  it('leaves the previous columns out when the previous cycle shows no value', () => {
    const none: TrendRow[] = [{ id: 'national', measure: 'score', dims: {}, current: 0.72, previous: null, delta: null }];
    expect(aggregateTable(rows, none, names, headers, 'percent').columns.map((c) => c.key)).toEqual(['group', 'operators', 'value']);
  });

  it('gives a maturity trend its own difference format', () => {
    expect(aggregateTable(rows, trend, names, headers, 'maturity').columns.at(-1)!.format).toBe('maturityDelta');
  });
});

describe('chapterTable', () => {
  it('has a row per chapter in API order and a column per group', () => {
    const table = chapterTable(
      [
        shown('national', 0.8, 6, 'score:chapter:2.1', { chapter: '2.1' }),
        hidden('sector:a', 'too_few_operators', 2, 'score:chapter:2.1', { chapter: '2.1', sector: 'a' }),
        shown('national', 0.4, 6, 'score:chapter:10.1', { chapter: '10.1' }),
      ],
      names,
      'chapter',
    );
    expect(table.columns.map((c) => c.key)).toEqual(['chapter', 'national', 'sector:a']);
    expect(table.rows.map((r) => r.key)).toEqual(['2.1', '10.1']);
    expect(table.rows[0]!.cells['sector:a']).toEqual({ kind: 'suppressed', reason: 'too_few_operators' });
    expect(table.rows[1]!.cells['sector:a']).toEqual({ kind: 'value', value: null });
  });
});

const heat: HeatmapRow[] = [
  {
    lineage: 'l1',
    number: '1.1',
    title: { ja: '\u30d0\u30c3\u30af\u30a2\u30c3\u30d7', en: 'Backups' },
    cells: [shown('national', 0.25, 8, 'gap:l1'), hidden('sector:a', 'too_few_operators', 2, 'gap:l1'), shown('sector:b', 0, 6, 'gap:l1')],
  },
  {
    lineage: 'l2',
    number: '1.2',
    title: { ja: '\u5fa9\u65e7', en: '' },
    cells: [shown('national', null, 0, 'gap:l2'), hidden('sector:a', 'complementary', 5, 'gap:l2')],
  },
];

describe('heatmapTable', () => {
  it('lists requirement number and title in the language, then national and sector cells', () => {
    const table = heatmapTable(heat, names, { number: 'no', title: 'title' }, 'en');
    expect(table.columns.map((c) => c.key)).toEqual(['number', 'title', 'national', 'sector:a', 'sector:b']);
    expect(table.rows[0]!.cells.title).toEqual({ kind: 'text', text: 'Backups' });
    // An empty English title falls back to Japanese.
    expect(table.rows[1]!.cells.title).toEqual({ kind: 'text', text: '\u5fa9\u65e7' });
    expect(table.rows[1]!.cells['sector:b']).toEqual({ kind: 'value', value: null });
  });

  it('draws shown cells in percent and suppressed cells apart, never as a 0 value', () => {
    const table = heatmapTable(heat, names, { number: 'no', title: 'title' }, 'ja');
    const { values, hidden: marked } = heatmapPoints(table, ['national', 'sector:a', 'sector:b']);
    expect(values).toEqual([[0, 0, 25], [2, 0, 0]]);
    expect(marked.map((m) => [m.value[0], m.value[1], m.reason])).toEqual([[1, 0, 'too_few_operators'], [1, 1, 'complementary']]);
    const option = heatmapOption(table, { labelColumns: ['number', 'title'], cellColumns: ['national', 'sector:a', 'sector:b'], suppressedMarker: '*' }, chartText);
    const series = option.series as { data: unknown[] }[];
    expect(series[0]!.data).toEqual(values);
    expect((option.visualMap as { min: number; max: number; seriesIndex: number })).toMatchObject({ min: 0, max: 100, seriesIndex: 0 });
  });

  it('writes the CSV with suppressed cells empty and named', () => {
    const table = heatmapTable(heat, names, { number: 'no', title: 'title' }, 'en');
    const lines = buildCsv(table, { reasonColumn: 'why', reason: (r) => r }).slice(1).split('\r\n');
    expect(lines[0]).toBe(`no,title,${NATIONAL} (%),S(a) (%),S(b) (%),why`);
    expect(lines[1]).toBe('1.1,Backups,25,,0,S(a): too_few_operators');
    expect(lines[2]).toBe('1.2,\u5fa9\u65e7,,,,S(a): complementary');
  });
});

describe('kpiTable', () => {
  it('formats share KPIs in percent and maturity KPIs as levels', () => {
    const share: KpiView = {
      id: 'k1',
      definition: { id: 'k1', title: { ja: 'a', en: 'a' }, kind: 'share_of_operators' },
      rows: [shown('national', 0.5, 10, 'kpi:k1')],
      trend: [],
    };
    const maturity: KpiView = { ...share, definition: { id: 'k1', title: { ja: 'a', en: 'a' }, kind: 'mean_maturity', chapter: '2' } };
    expect(kpiTable(share, names, headers).columns[2]!.format).toBe('percent');
    expect(kpiTable(maturity, names, headers).columns[2]!.format).toBe('maturity');
  });
});

describe('bar charts', () => {
  it('leave suppressed and missing values out (null), never 0, and say why under the category', () => {
    const table = aggregateTable(
      [shown('national', 0.5), hidden('sector:a', 'too_few_operators'), shown('sector:b', 0), shown('sector:c', null, 0)],
      [],
      names,
      headers,
      'percent',
    );
    const option = groupedBarOption(table, 'group', [{ column: 'value' }], 'percent', chartText);
    const series = option.series as { data: (number | null)[] }[];
    expect(series[0]!.data).toEqual([50, null, 0, null]);
    const axis = option.yAxis as { data: string[]; axisLabel: { formatter: (name: string, index: number) => string } };
    expect(axis.data).toEqual([NATIONAL, 'S(a)', 'S(b)', 'S(c)']);
    expect(axis.axisLabel.formatter('S(a)', 1)).toBe('{name|S(a)}\n{hidden|hidden:too_few_operators}');
    expect(axis.axisLabel.formatter('S(b)', 2)).toBe('S(b)');
  });

  it('scale any shown share to percent within 0–100', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 10 }), (values) => {
        const rows = values.map((v, i) => (v === null ? hidden(`sector:${i}`, 'complementary') : shown(`sector:${i}`, v)));
        const option = groupedBarOption(aggregateTable(rows, [], names, headers, 'percent'), 'group', [{ column: 'value' }], 'percent', chartText);
        const data = (option.series as { data: (number | null)[] }[])[0]!.data;
        values.forEach((v, i) => {
          if (v === null) expect(data[i]).toBeNull();
          else expect(data[i]).toBeCloseTo(v * 100, 2);
        });
      }),
    );
  });

  it('stack the status counts per sector', () => {
    const table = statusTable(
      [{ sectorId: 'm', counts: { draft: 2, submitted: 0, under_review: 1, returned: 0, accepted: 4 }, total: 7 }],
      (id) => id,
      { sector: 's', draft: 'd', submitted: 's', under_review: 'u', returned: 'r', accepted: 'a', total: 't' },
    );
    const option = stackedBarOption(table, 'sector', ['draft', 'submitted', 'under_review', 'returned', 'accepted'], chartText);
    expect((option.series as { data: (number | null)[] }[]).map((s) => s.data[0])).toEqual([2, null, 1, null, 4]);
  });
});

describe('shorten', () => {
  it('keeps short labels and cuts long ones by characters', () => {
    expect(shorten('abc', 5)).toBe('abc');
    expect(shorten('\u3042'.repeat(10), 5)).toBe(`${'\u3042'.repeat(4)}\u2026`);
  });
});
