/**
 * A diff for showing how a requirement's wording changed. Japanese has no spaces, so a word diff would mark
 * whole sentences: outside Latin words the unit is one character (a code point, so surrogate pairs stay
 * whole). A run of ASCII letters and digits is one unit, so "once" → "twice" reads as a replaced word
 * rather than as "on" → "twi" around a shared "ce".
 */
export type DiffOp = 'same' | 'del' | 'ins';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** Above this many cells the LCS table is not worth it; the changed middle is shown as one replacement. */
const MAX_CELLS = 2_000_000;

function push(out: DiffSegment[], op: DiffOp, text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

/** Longest-common-subsequence diff of the middle part (after common prefix and suffix are taken off). */
function lcsDiff(a: string[], b: string[], out: DiffSegment[]): void {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    push(out, 'del', a.join(''));
    push(out, 'ins', b.join(''));
    return;
  }
  // table[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push(out, 'same', a[i]!);
      i++;
      j++;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) {
      push(out, 'del', a[i]!);
      i++;
    } else {
      push(out, 'ins', b[j]!);
      j++;
    }
  }
  push(out, 'del', a.slice(i).join(''));
  push(out, 'ins', b.slice(j).join(''));
}

const TOKEN = /[A-Za-z0-9]+|[\s\S]/gu;

function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

export function diffText(before: string, after: string): DiffSegment[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffSegment[] = [];
  push(out, 'same', a.slice(0, start).join(''));
  lcsDiff(a.slice(start, endA), b.slice(start, endB), out);
  push(out, 'same', a.slice(endA).join(''));
  return out;
}

/** The text on one side of a diff: `before` keeps deletions, `after` keeps insertions. */
export function sideOf(segments: readonly DiffSegment[], side: 'before' | 'after'): string {
  const drop: DiffOp = side === 'before' ? 'ins' : 'del';
  return segments
    .filter((s) => s.op !== drop)
    .map((s) => s.text)
    .join('');
}
