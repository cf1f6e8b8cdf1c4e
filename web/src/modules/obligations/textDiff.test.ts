import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffText, sideOf } from './textDiff';

// Small alphabets make shared characters (and so interesting alignments) likely; full code points cover
// surrogate pairs, which must never be split into halves.
const small = fc.string({ unit: fc.constantFrom('\u3042', '\u3044', '\u3046', 'a', 'b', '\u{1F600}'), maxLength: 40 });
const any = fc.string({ unit: 'binary', maxLength: 60 });

describe('diffText', () => {
  it('reconstructs both texts from its segments', () => {
    fc.assert(
      fc.property(fc.oneof(small, any), fc.oneof(small, any), (a, b) => {
        const segments = diffText(a, b);
        expect(sideOf(segments, 'before')).toBe(a);
        expect(sideOf(segments, 'after')).toBe(b);
      }),
    );
  });

  it('never emits empty segments or two neighbours of the same kind', () => {
    fc.assert(
      fc.property(small, small, (a, b) => {
        const segments = diffText(a, b);
        for (const [i, s] of segments.entries()) {
          expect(s.text).not.toBe('');
          if (i > 0) expect(segments[i - 1]!.op).not.toBe(s.op);
        }
      }),
    );
  });

  it('marks nothing as changed when the texts are equal', () => {
    fc.assert(
      fc.property(any, (a) => {
        expect(diffText(a, a).every((s) => s.op === 'same')).toBe(true);
      }),
    );
  });

  it('keeps every character both texts share when one is the other with text inserted', () => {
    // Where the insertion sits is ambiguous ("a" + "ba" vs "ab" + "a"); how much was inserted is not.
    const kana = fc.string({ unit: fc.constantFrom('\u3042', '\u3044', '\u{1F600}'), maxLength: 30 });
    fc.assert(
      fc.property(kana, kana, kana, (head, middle, tail) => {
        const segments = diffText(head + tail, head + middle + tail);
        expect(segments.filter((s) => s.op === 'del')).toEqual([]);
        expect(segments.filter((s) => s.op === 'ins').map((s) => s.text).join('').length).toBe(middle.length);
      }),
    );
  });

  it('shows a rewritten number or word as one deletion and one insertion', () => {
    // The source files carry no Japanese (i18n.test.ts), so the kana are escapes: "nen ni" / "kai".
    expect(diffText('\u5e74\u306b1\u56de, all staff', '\u5e74\u306b12\u56de, all staff')).toEqual([
      { op: 'same', text: '\u5e74\u306b' },
      { op: 'del', text: '1' },
      { op: 'ins', text: '12' },
      { op: 'same', text: '\u56de, all staff' },
    ]);
    expect(diffText('at least once a year', 'at least twice a year')).toEqual([
      { op: 'same', text: 'at least ' },
      { op: 'del', text: 'once' },
      { op: 'ins', text: 'twice' },
      { op: 'same', text: ' a year' },
    ]);
  });

  it('does not split a surrogate pair', () => {
    // Both share the high surrogate \uD83D; a UTF-16 diff would keep it and replace half a character.
    const segments = diffText('\u{1F600}', '\u{1F601}');
    expect(segments).toEqual([
      { op: 'del', text: '\u{1F600}' },
      { op: 'ins', text: '\u{1F601}' },
    ]);
  });
});
