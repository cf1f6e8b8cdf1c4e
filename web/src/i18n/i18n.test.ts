import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import ja from './ja.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry.name)) files.push(full);
  }
  return files;
}

const jaKeys = flatten(ja as Tree);
const enKeys = flatten(en as Tree);
const srcRoot = fileURLToPath(new URL('..', import.meta.url));
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('i18n resources', () => {
  it('ja and en have exactly the same keys', () => {
    expect([...enKeys.keys()].sort()).toEqual([...jaKeys.keys()].sort());
  });

  it('has no empty or non-string values', () => {
    for (const [name, keys] of [['ja', jaKeys], ['en', enKeys]] as const) {
      for (const [key, value] of keys) {
        expect(typeof value, `${name}:${key}`).toBe('string');
        expect((value as string).trim(), `${name}:${key}`).not.toBe('');
      }
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of jaKeys) expect(vars(enKeys.get(key)), key).toEqual(vars(value));
  });
});

describe('source files', () => {
  it('contain no Japanese text outside the i18n resources', () => {
    const files = sourceFiles(srcRoot);
    expect(files.some((f) => f.endsWith('.tsx'))).toBe(true);
    const offenders = files
      .filter((file) => readFileSync(file, 'utf8').split('\n').some((line) => JAPANESE.test(line)))
      .map((file) => relative(srcRoot, file));
    expect(offenders).toEqual([]);
  });
});
