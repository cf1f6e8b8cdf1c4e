/**
 * The table behind a chart: what the table view shows and the CSV download writes. Kept apart from any chart
 * library so a chart and its table always come from the same rows.
 */

/** Why an aggregate is not shown (the API's AggregateRow reasons). */
export type SuppressionReason = 'too_few_operators' | 'complementary';

/**
 * How a column reads: text; a share in [0, 1] shown as %; a difference of shares in percentage points; a
 * maturity level 0–5; a difference of maturity levels; a count.
 */
export type ColumnFormat = 'text' | 'percent' | 'delta' | 'maturity' | 'maturityDelta' | 'count';

export interface TableColumn {
  key: string;
  label: string;
  format: ColumnFormat;
}

export type TableCell =
  | { kind: 'text'; text: string }
  /** null: nothing to show (no operator answered), which is not a suppressed value and not 0. */
  | { kind: 'value'; value: number | null }
  | { kind: 'suppressed'; reason: SuppressionReason };

export interface TableRow {
  key: string;
  cells: Readonly<Record<string, TableCell>>;
}

export interface ChartTable {
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
}

export const text = (value: string): TableCell => ({ kind: 'text', text: value });
export const value = (v: number | null): TableCell => ({ kind: 'value', value: v });
export const suppressed = (reason: SuppressionReason): TableCell => ({ kind: 'suppressed', reason });

/** Byte order mark: without it Excel opens a UTF-8 CSV as Shift_JIS and garbles Japanese. */
export const UTF8_BOM = '\uFEFF';

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or leading/trailing space; quotes doubled. */
export function csvField(raw: string): string {
  return /[",\r\n]|^\s|\s$/.test(raw) ? `"${raw.replaceAll('"', '""')}"` : raw;
}

/**
 * Guards a text field that a spreadsheet would run as a formula (CSV injection): names come from operators, so a
 * leading =, +, - or @ gets a leading apostrophe. Numbers are written as numbers and never pass here.
 */
export function neutraliseFormula(raw: string): string {
  return /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
}

/** Number as CSV writes it: percentages in percent with one decimal, maturity with two, counts as they are. */
export function csvNumber(v: number, format: ColumnFormat): string {
  switch (format) {
    case 'percent':
    case 'delta':
      return String(Math.round(v * 1000) / 10);
    case 'maturity':
    case 'maturityDelta':
      return String(Math.round(v * 100) / 100);
    default:
      return String(v);
  }
}

/** Units in CSV headers: the numbers carry no % sign, so the header says what they count. */
const CSV_UNIT: Readonly<Record<ColumnFormat, string>> = {
  text: '',
  count: '',
  percent: ' (%)',
  delta: ' (pt)',
  maturity: '',
  maturityDelta: '',
};

export interface CsvLabels {
  /** Header of the last column, which says why cells of the row are empty. */
  reasonColumn: string;
  reason: (reason: SuppressionReason) => string;
}

/**
 * The table as CSV text: BOM, header row, one line per row, CRLF line ends. Values are plain numbers (no %
 * sign or thousands separator, so Excel reads them as numbers; the header carries the unit); a suppressed value is an empty field and the
 * reason column names it, prefixed with the column when the table has several measure columns.
 */
export function buildCsv(table: ChartTable, labels: CsvLabels): string {
  // Counts are never suppressed; only with several measure columns does a reason need its column's name.
  const measureColumns = table.columns.filter((c) => c.format !== 'text' && c.format !== 'count');
  const header = [...table.columns.map((c) => `${c.label}${CSV_UNIT[c.format]}`), labels.reasonColumn];
  const lines = [header.map((h) => csvField(h)).join(',')];
  for (const row of table.rows) {
    const reasons: string[] = [];
    const fields = table.columns.map((c) => {
      const cell = row.cells[c.key];
      if (!cell) return '';
      switch (cell.kind) {
        case 'text':
          return csvField(neutraliseFormula(cell.text));
        case 'value':
          return cell.value === null ? '' : csvNumber(cell.value, c.format);
        case 'suppressed':
          reasons.push(measureColumns.length > 1 ? `${c.label}: ${labels.reason(cell.reason)}` : labels.reason(cell.reason));
          return '';
      }
    });
    fields.push(csvField(neutraliseFormula(reasons.join('; '))));
    lines.push(fields.join(','));
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name without characters that browsers or file systems refuse. */
export function csvFileName(base: string): string {
  const cleaned = base.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'table';
  return `${cleaned}.csv`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, format: ColumnFormat): Intl.NumberFormat {
  const key = `${locale}|${format}`;
  let f = numberFormats.get(key);
  if (!f) {
    const tag = locale === 'en' ? 'en-GB' : 'ja-JP';
    f =
      format === 'percent'
        ? new Intl.NumberFormat(tag, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
        : format === 'delta'
          ? new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' })
          : format === 'maturity' || format === 'maturityDelta'
            ? new Intl.NumberFormat(tag, {
                minimumFractionDigits: 2,
                maximumFractionDigits: 2,
                signDisplay: format === 'maturityDelta' ? 'exceptZero' : 'auto',
              })
            : new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
    numberFormats.set(key, f);
  }
  return f;
}

/**
 * A number as the table shows it in the given locale: shares as percent with one decimal (72.5%), differences
 * of shares in percentage points with a sign (+3.2 pt), maturity with two decimals, counts whole.
 */
export function formatNumber(v: number, format: ColumnFormat, locale: string): string {
  if (format === 'delta') return `${numberFormat(locale, format).format(Math.round(v * 1000) / 10)} pt`;
  return numberFormat(locale, format).format(v);
}
