import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { checkSync, type Diagnostics, type Parameters } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every regular expression in lib/ is free of super-linear backtracking: untrusted page text
 * must never cost more than linear time. The sources are read with the TypeScript compiler, so
 * every regex literal and every `new RegExp(...)`/`RegExp(...)` is found, whatever its layout.
 * A pattern built from constants (string literals, templates, `String.raw`, `+`, `const`s, also
 * imported ones, `.source` of a regex, `[...].join()`) is evaluated and checked like a literal.
 * A pattern built at run time cannot be checked here: its call site must carry a comment
 *   // redos-bound: <why this pattern is linear, e.g. "an escaped literal, no quantifier">
 * on its line or on one of the two lines above it. The same comment lets a super-linear regex
 * through when the input it ever sees is short and the comment says where that bound is enforced.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'lib');
const ALLOW = /\bredos-bound:\s*\S.{9,}/;

/**
 * recheck's limits. Most patterns take milliseconds, the largest (case-insensitive Vietnamese
 * alternations) a few seconds on a busy machine; a pattern whose check runs out of time is
 * checked once more with more time, and fails the test if still undecided.
 */
const RECHECK_PARAMS: Parameters = { timeout: 10_000, randomSeed: 0 };
const RECHECK_RETRY: Parameters = { ...RECHECK_PARAMS, timeout: 30_000 };

interface Found {
  where: string;
  source?: string;
  flags?: string;
  /** Why the pattern could not be evaluated (and no allow comment says why it is bounded). */
  problem?: string;
  allowed?: boolean;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return listTs(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

class NotConstant extends Error {}

/** The value of a constant string expression, or NotConstant. */
function evaluate(node: ts.Expression, checker: ts.TypeChecker, seen = new Set<ts.Node>()): string {
  if (seen.has(node)) throw new NotConstant('a circular definition');
  seen.add(node);
  try {
    return evaluateOnce(node, checker, seen);
  } finally {
    seen.delete(node);
  }
}

function evaluateOnce(node: ts.Expression, checker: ts.TypeChecker, seen: Set<ts.Node>): string {
  const ev = (n: ts.Expression) => evaluate(n, checker, seen);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return String(Number(node.text));
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return ev(node.expression);
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => ev(s.expression) + s.literal.text).join('');
  }
  if (ts.isTaggedTemplateExpression(node)) {
    if (node.tag.getText() !== 'String.raw') throw new NotConstant(`a template tagged ${node.tag.getText()}`);
    const t = node.template;
    if (ts.isNoSubstitutionTemplateLiteral(t)) return t.rawText ?? '';
    return (t.head.rawText ?? '') + t.templateSpans.map((s) => ev(s.expression) + (s.literal.rawText ?? '')).join('');
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return ev(node.left) + ev(node.right);
  }
  if (ts.isIdentifier(node)) return ev(constInitializer(node, checker));
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'source') {
    return regexOf(node.expression, checker, seen).source;
  }
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'flags') {
    return regexOf(node.expression, checker, seen).flags;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
    let target: ts.Expression = node.expression.expression;
    while (ts.isIdentifier(target) || ts.isParenthesizedExpression(target) || ts.isAsExpression(target)) {
      target = ts.isIdentifier(target) ? constInitializer(target, checker) : target.expression;
    }
    if (!ts.isArrayLiteralExpression(target)) throw new NotConstant(`.join() on ${target.getText()}`);
    const sep = node.arguments[0] ? ev(node.arguments[0]) : ',';
    return target.elements.map((e) => ev(e)).join(sep);
  }
  throw new NotConstant(`\`${node.getText()}\``);
}

/** The initializer of the `const` an identifier names (through imports), or NotConstant. */
function constInitializer(id: ts.Identifier, checker: ts.TypeChecker): ts.Expression {
  let symbol = checker.getSymbolAtLocation(id);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (
    !decl ||
    !ts.isVariableDeclaration(decl) ||
    !decl.initializer ||
    !(ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const)
  ) {
    throw new NotConstant(`\`${id.text}\`, not a constant`);
  }
  return decl.initializer;
}

/** A regex named by an expression: a literal, a `new RegExp(constant)` or a const holding one. */
function regexOf(node: ts.Expression, checker: ts.TypeChecker, seen: Set<ts.Node>): { source: string; flags: string } {
  while (ts.isParenthesizedExpression(node) || ts.isIdentifier(node)) {
    node = ts.isIdentifier(node) ? constInitializer(node, checker) : node.expression;
  }
  if (ts.isRegularExpressionLiteral(node)) return splitLiteral(node.text);
  if (isRegExpCall(node) && node.arguments?.[0]) {
    return { source: evaluate(node.arguments[0], checker, seen), flags: node.arguments[1] ? evaluate(node.arguments[1], checker, seen) : '' };
  }
  throw new NotConstant(`\`${node.getText()}\`, not a regex`);
}

function splitLiteral(text: string): { source: string; flags: string } {
  const slash = text.lastIndexOf('/');
  return { source: text.slice(1, slash), flags: text.slice(slash + 1) };
}

function isRegExpCall(node: ts.Node): node is ts.NewExpression | ts.CallExpression {
  return (ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp';
}

function allowedAt(sf: ts.SourceFile, pos: number): boolean {
  const line = sf.getLineAndCharacterOfPosition(pos).line;
  const lines = sf.text.split('\n');
  return lines.slice(Math.max(0, line - 2), line + 1).some((l) => ALLOW.test(l));
}

/** Every regex in the given files, evaluated where it can be. */
export function collectRegexes(files: string[]): Found[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    noResolve: false,
    types: [],
  });
  const checker = program.getTypeChecker();
  const found: Found[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file);
    if (!sf) throw new Error(`not parsed: ${file}`);
    const visit = (node: ts.Node): void => {
      const where = () => `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
      if (ts.isRegularExpressionLiteral(node)) {
        found.push({ where: where(), ...splitLiteral(node.text), allowed: allowedAt(sf, node.getStart(sf)) });
      } else if (isRegExpCall(node)) {
        const [pattern, flags] = node.arguments ?? [];
        try {
          if (!pattern) throw new NotConstant('no pattern');
          const source = ts.isRegularExpressionLiteral(pattern) ? splitLiteral(pattern.text).source : evaluate(pattern, checker);
          found.push({ where: where(), source, flags: flags ? evaluate(flags, checker) : '', allowed: allowedAt(sf, node.getStart(sf)) });
        } catch (e) {
          if (!(e instanceof NotConstant)) throw e;
          found.push({ where: where(), problem: `pattern built at run time (${e.message})`, allowed: allowedAt(sf, node.getStart(sf)) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

function verdict(source: string, flags: string): Diagnostics {
  const first = checkSync(source, flags, RECHECK_PARAMS);
  return first.status === 'unknown' && first.error.kind === 'timeout' ? checkSync(source, flags, RECHECK_RETRY) : first;
}

function describeVulnerable(f: Found, d: Diagnostics): string {
  const attack =
    d.status === 'vulnerable' ? `${d.complexity.summary}; attack ${d.attack.pattern}` : d.status === 'unknown' ? d.error.kind : '';
  return `${f.where}  /${f.source}/${f.flags}  ${d.status}${attack ? `: ${attack}` : ''}`;
}

describe('the ReDoS checker itself', () => {
  it('flags an exponential regex and a quadratic one, passes linear ones', () => {
    expect(verdict('^(a|a)*$', '').status).toBe('vulnerable');
    expect(verdict(String.raw`^\s*a\s*\s*$`, '').status).toBe('vulnerable');
    expect(verdict('^[a-z]+$', 'i').status).toBe('safe');
    expect(verdict(String.raw`^\d{1,2}/\d{1,2}/\d{4}$`, '').status).toBe('safe');
  });

  it('evaluates constant patterns and finds regexes however they are written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wardfeed-redos-'));
    const a = join(dir, 'a.ts');
    const b = join(dir, 'b.ts');
    writeFileSync(a, "export const PART = String.raw`\\d+`;\nexport const RE = /x+/g;\n");
    writeFileSync(
      b,
      [
        "import { PART, RE } from './a.ts';",
        "const WORDS = ['ngày', 'tháng'].join('|');",
        'const one = new RegExp(`(?:${WORDS})\\\\s+` + PART, "iu");',
        'const two = RegExp(RE.source, RE.flags);',
        'export const all = [one, two, /(a|a)*$/];',
        'export function f(s: string) { return new RegExp(s); }',
        '// redos-bound: an escaped literal, no quantifier',
        'export function g(s: string) { return new RegExp(s); }',
      ].join('\n'),
    );
    let found;
    try {
      found = collectRegexes([a, b]).map(({ where, ...rest }) => ({ line: where.split(':').pop(), ...rest }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(found).toEqual([
      { line: '2', source: 'x+', flags: 'g', allowed: false },
      { line: '3', source: String.raw`(?:ngày|tháng)\s+\d+`, flags: 'iu', allowed: false },
      { line: '4', source: 'x+', flags: 'g', allowed: false },
      { line: '5', source: '(a|a)*$', flags: '', allowed: false },
      { line: '6', problem: 'pattern built at run time (`s`, not a constant)', allowed: false },
      { line: '8', problem: 'pattern built at run time (`s`, not a constant)', allowed: true },
    ]);
  });
});

describe('every regex in lib/', () => {
  const found = collectRegexes(listTs(LIB));

  it('finds the regexes of lib/ (the scan sees the tree)', () => {
    expect(found.length).toBeGreaterThan(100);
    expect(found.some((f) => f.where.startsWith('lib/extract/dates.ts'))).toBe(true);
  });

  it('builds no pattern at run time without a comment saying why it is bounded', () => {
    const unexplained = found.filter((f) => f.problem && !f.allowed).map((f) => `${f.where}  ${f.problem}`);
    expect(unexplained, `add "// redos-bound: <why>" at these call sites, or make the pattern constant`).toEqual([]);
  });

  it('has no regex with super-linear backtracking (recheck)', { timeout: 240_000 }, () => {
    const bad: string[] = [];
    const verdicts = new Map<string, Diagnostics>(); // one check per distinct pattern, within this run only
    for (const f of found) {
      if (f.source === undefined) continue;
      const key = `${f.flags}/${f.source}`;
      const d = verdicts.get(key) ?? verdict(f.source, f.flags ?? '');
      verdicts.set(key, d);
      // A regex only ever applied to short input may say so: "// redos-bound: <the bound and where it is enforced>".
      if (d.status !== 'safe' && !f.allowed) bad.push(describeVulnerable(f, d));
    }
    expect(bad, 'make these linear (bound the repetition, remove the overlap between alternatives)').toEqual([]);
  });
});
