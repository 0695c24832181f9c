/**
 * Adding a source to a registry file without touching the rest of it: the new entry is written
 * in the file's own style (its indent, one field a line, short lists inline, as the shipped
 * file is) and inserted before the end of `sources`; every other byte stays as it was.
 */
import { WardfeedError } from '../errors.ts';
import type { Source } from './types.ts';

/** The indent unit of a JSON text (the first indented line's leading spaces or tab). */
function indentOf(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

/** One value in the file's style: objects one field a line, lists of plain values inline. */
export function formatValue(v: unknown, indent: string, depth: number): string {
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    const pad = indent.repeat(depth + 1);
    return `[\n${v.map((x) => pad + formatValue(x, indent, depth + 1)).join(',\n')}\n${indent.repeat(depth)}]`;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const pad = indent.repeat(depth + 1);
    return `{\n${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${formatValue(x, indent, depth + 1)}`).join(',\n')}\n${indent.repeat(depth)}}`;
  }
  return JSON.stringify(v);
}

/**
 * Where the `sources` array of a registry text closes: scans the JSON (strings skipped) for the
 * top-level key `sources` and its matching `]`.
 */
function sourcesArrayEnd(text: string): { close: number; empty: boolean } {
  let depth = 0;
  let key: string | undefined;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const s = text.slice(i + 1, j);
      if (depth === 1 && /^\s*:/.test(text.slice(j + 1, j + 40))) key = s;
      i = j;
    } else if (c === '{' || c === '[') {
      if (c === '[' && depth === 1 && key === 'sources' && start < 0) start = i;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (start >= 0 && depth === 1 && c === ']') return { close: i, empty: text.slice(start + 1, i).trim() === '' };
    }
  }
  throw new WardfeedError('registry', 'the registry file has no "sources" list');
}

/** The registry text with `source` appended to its `sources`. */
export function appendSource(text: string, source: Source): string {
  const indent = indentOf(text);
  const { close, empty } = sourcesArrayEnd(text);
  const entry = `${indent.repeat(2)}${formatValue(source, indent, 2)}`;
  if (empty) return `${text.slice(0, text.lastIndexOf('[', close) + 1)}\n${entry}\n${indent}${text.slice(close)}`;
  // Keep whatever spacing stood before the closing bracket; the new entry follows the last one.
  let end = close;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return `${text.slice(0, end)},\n${entry}${text.slice(end)}`;
}
