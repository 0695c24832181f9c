import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/**
 * Untrusted text never costs more than linear time. Each text-facing function is fed adversarial
 * strings of 10,000 and 100,000 characters in one run, and the larger may take at most RATIO times
 * the smaller (linear is 10×; the slack absorbs noise). There is no absolute timing: a function
 * is only stopped when it runs far beyond what the ratio allows, or (the 10k size) when it has not
 * answered after HANG_MS, which only a real hang does. Each function runs in a worker thread, so
 * a runaway regex can be stopped.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const RATIO = 30;
/** Timings below this are noise (a collection, a cold cache); they are raised to it before the ratio is taken. */
const FLOOR_MS = 10;
const REPEATS = 3;
/** Only a hang takes this long at 10,000 characters (they take milliseconds). */
const HANG_MS = 20_000;
const SMALL = 10_000;
const LARGE = 100_000;

/** Adversarial shapes: what backtracking regexes and quadratic loops trip on. */
const SHAPES: Record<string, (n: number) => string> = {
  'nbsp and space runs': (n) => ('\u00a0 '.repeat(n / 2) + 'x').slice(-n),
  'digits and slashes': (n) => '1/'.repeat(n / 2),
  'a run of digits': (n) => '0'.repeat(n - 1) + 'x',
  '<p> towers': (n) => '<p>'.repeat(Math.floor(n / 3)),
  '<p> then no-break spaces': (n) => '<p>' + '\u00a0'.repeat(n - 4) + 's',
  '*a runs': (n) => '*a'.repeat(n / 2),
  'Vietnamese date fragments': (n) => 'Ngày đăng: 12/3 tháng 3 năm 20 số 108-KH/QU ngày '.repeat(Math.ceil(n / 20)).slice(0, n),
  'dashes and tabs': (n) => '-\t'.repeat(n / 2),
  'times glued together': (n) => '00h'.repeat(Math.floor(n / 3)) + '0p',
  'blanks after a time': (n) => '0h' + '\t'.repeat(n - 3) + 'x',
  'a document number before a date': (n) => 'Sáng nay, số ' + '0'.repeat(n - 30) + ' ngày 12/3/2024',
  'clause words before a date': (n) => 'ban hanh ngay, '.repeat(Math.ceil(n / 15)).slice(0, n - 10) + '12/3/2024.',
};

interface Subject {
  name: string;
  /** Module under lib/ that exports it. */
  module: string;
  /** JavaScript `(m, s) => …`, given the module's exports and the adversarial string. */
  call: string;
}

const html = (body: string) =>
  `'<html><head><title>Tin ' + s + '</title></head><body><article><h1>Tin ' + s + '</h1><p>' + ${body} + '</p></article></body></html>'`;

const SUBJECTS: Subject[] = [
  { name: 'parseDate', module: 'extract/dates.ts', call: '(m, s) => m.parseDate(s)' },
  { name: 'findDates', module: 'extract/dates.ts', call: '(m, s) => m.findDates(s)' },
  { name: 'eventDateFromBody (the body-date finder)', module: 'extract/dates.ts', call: '(m, s) => m.eventDateFromBody(s)' },
  { name: 'parseMetaLine', module: 'extract/meta-line.ts', call: '(m, s) => m.parseMetaLine(s)' },
  { name: 'isMetaLine', module: 'extract/meta-line.ts', call: '(m, s) => m.isMetaLine(s)' },
  { name: 'signatureAuthor', module: 'extract/body.ts', call: '(m, s) => m.signatureAuthor(s)' },
  { name: 'sanitizeBodyHtml', module: 'extract/sanitize.ts', call: "(m, s) => m.sanitizeBodyHtml('<div><p>' + s + '</p></div>', 'https://x.gov.vn/a')" },
  {
    name: 'extractArticle, profile generic',
    module: 'sites/extract.ts',
    call: `(m, s) => { try { return m.extractArticle({ html: ${html('s')}, url: 'https://x.gov.vn/tin/1', profile: 'generic' }); } catch (e) { if (e?.name !== 'WardfeedError' && !e?.kind) throw e; } }`,
  },
  {
    name: 'extractListing, profile generic',
    module: 'sites/extract.ts',
    call: `(m, s) => m.extractListing({ html: ${html("'<a href=\"/tin/1\">' + s + '</a>'")}, url: 'https://x.gov.vn/tin', profile: 'generic' })`,
  },
  {
    name: 'parseRobots (a robots.txt of that size)',
    module: 'crawl/robots.ts',
    call: "(m, s) => m.parseRobots('User-agent: *\\nDisallow: /' + s.slice(0, s.length / 2) + '\\n' + s.slice(s.length / 2) + '\\n')",
  },
  {
    name: 'robots matcher (a path of that size against wildcard rules)',
    module: 'crawl/robots.ts',
    call: "(m, s) => (globalThis.robots ??= m.parseRobots('User-agent: *\\nDisallow: /*a*a*a*a*a*a*a*a*a*aX\\nDisallow: /*1/*1/*1/*1/*1/*X$\\nAllow: /*0*0*0*0*0*0*0*0*X')).isAllowed('/' + s)",
  },
];

interface Timing {
  shape: string;
  small?: number;
  large?: number;
  error?: string;
}

// The worker loads TypeScript through tsx, as bin/run-ts.js does.
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;

const WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
const { register } = await import(workerData.tsx);
register();
const m = await import(workerData.module);
const fn = (0, eval)(workerData.call);
const best = (s) => {
  let min = Infinity;
  for (let i = 0; i < workerData.repeats; i++) {
    const t = performance.now();
    fn(m, s);
    min = Math.min(min, performance.now() - t);
  }
  return min;
};
// The larger size stops at its first run within the allowed ratio: the minimum can only be lower.
const bestUnder = (s, allowed) => {
  let min = Infinity;
  for (let i = 0; i < workerData.repeats && min >= allowed; i++) {
    const t = performance.now();
    fn(m, s);
    min = Math.min(min, performance.now() - t);
  }
  return min;
};
for (const [shape, small, large, warm] of workerData.inputs) {
  try {
    parentPort.postMessage({ shape, phase: 'small' });
    best(warm);
    const ts = best(small);
    parentPort.postMessage({ shape, phase: 'large', small: ts });
    const tl = bestUnder(large, workerData.ratio * Math.max(ts, workerData.floor));
    parentPort.postMessage({ shape, phase: 'done', small: ts, large: tl });
  } catch (e) {
    parentPort.postMessage({ shape, phase: 'done', error: String(e?.stack ?? e) });
  }
}
`;

type Input = [shape: string, small: string, large: string, warm: string];

/** Times one subject over the given shapes; a shape that runs away is stopped and reported. */
async function timeSubject(subject: Subject, inputs: Input[]): Promise<Timing[]> {
  const results: Timing[] = [];
  let rest = inputs;
  while (rest.length) {
    const pending = rest;
    const done = await new Promise<Timing[]>((resolveRun) => {
      const out: Timing[] = [];
      const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(WORKER)), {
        workerData: { tsx: TSX_API, module: pathToFileURL(join(ROOT, 'lib', subject.module)).href, call: subject.call, repeats: REPEATS, ratio: RATIO, floor: FLOOR_MS, inputs: pending },
      });
      let timer: NodeJS.Timeout | undefined;
      let current: Timing | undefined;
      const finish = () => {
        clearTimeout(timer);
        void worker.terminate();
        resolveRun(out);
      };
      const arm = (ms: number, why: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (current) out.push({ ...current, error: why });
          finish();
        }, ms);
      };
      worker.on('message', (msg: Timing & { phase: string }) => {
        if (msg.phase === 'small') {
          current = { shape: msg.shape };
          arm(HANG_MS, `no answer at ${SMALL} characters after ${HANG_MS / 1000} s (a hang)`);
        } else if (msg.phase === 'large') {
          current = { shape: msg.shape, small: msg.small };
          const allowed = RATIO * Math.max(msg.small ?? 0, FLOOR_MS);
          // Every run beyond the ratio (with slack): no need to wait for the end to know it is super-linear.
          const limit = REPEATS * allowed * 1.5 + 5_000;
          arm(limit, `${LARGE} characters still running after ${(limit / 1000).toFixed(1)} s (${SMALL}: ${msg.small?.toFixed(1)} ms)`);
        } else {
          current = undefined;
          out.push({ shape: msg.shape, small: msg.small, large: msg.large, error: msg.error });
          if (out.length === pending.length) finish();
        }
      });
      worker.on('error', (e) => {
        out.push({ shape: current?.shape ?? pending[out.length]?.[0] ?? '?', error: String(e) });
        finish();
      });
      // Module loading is not timed; a worker that never starts is a failure of its own.
      arm(HANG_MS * 3, 'worker did not start (a hang)');
    });
    results.push(...done);
    rest = pending.slice(done.length);
    if (!done.length) break;
    // One hang fails the function; the other shapes would only repeat it, at HANG_MS each.
    if (done.some((t) => t.error && /hang|still running/.test(t.error))) {
      results.push(...rest.map(([shape]) => ({ shape, error: 'not run: an earlier shape ran away' })));
      break;
    }
  }
  return results;
}

function inputsFor(): Input[] {
  return Object.entries(SHAPES).map(([shape, make]) => [shape, make(SMALL), make(LARGE), make(1_000)]);
}

describe('text-facing functions take time at most linear in their input', () => {
  for (const subject of SUBJECTS) {
    it(`${subject.name}: ${LARGE} characters take < ${RATIO}× the time of ${SMALL}`, { timeout: 600_000 }, async () => {
      const timings = await timeSubject(subject, inputsFor());
      expect(timings.map((t) => t.shape)).toEqual(Object.keys(SHAPES));
      const bad = timings
        .filter((t) => t.error || t.large! >= RATIO * Math.max(t.small!, FLOOR_MS))
        .map((t) => (t.error ? `${t.shape}: ${t.error.split('\n')[0]}` : `${t.shape}: ${t.small!.toFixed(1)} ms → ${t.large!.toFixed(1)} ms (${(t.large! / Math.max(t.small!, FLOOR_MS)).toFixed(0)}×)`));
      expect(bad, `super-linear in ${subject.name}`).toEqual([]);
    });
  }

  it('page parsing with script ends settled: thousands of scripts, comments and escapes', { timeout: 600_000 }, async () => {
    const fill = (n: number, unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    const shapes: Record<string, (n: number) => string> = {
      'scripts of old ad code': (n) => fill(n, "<script><!-- w('<script></script>'); --></script><p>x</p>"),
      'empty scripts, then one comment at the end': (n) => fill(n - 4, '<script></script>') + '<!--',
      'script tags inside one escape': (n) => '<script><!--' + fill(n - 12, '<script>'),
      'end tags inside one double escape': (n) => '<script><!--<script>' + fill(n - 20, '</script<script>'),
      'comments that never close': (n) => fill(n, '<!--<script>'),
      'start tags that never close': (n) => fill(n, '<script a '),
      'quoted values that never close': (n) => fill(n, '<script a="<script b=\''),
    };
    const subject: Subject = { name: 'loadHtml', module: 'extract/parse-html.ts', call: '(m, s) => m.loadHtml(s)' };
    const inputs: Input[] = Object.entries(shapes).map(([shape, make]) => [shape, make(SMALL), make(LARGE), make(1_000)]);
    const timings = await timeSubject(subject, inputs);
    const bad = timings
      .filter((t) => t.error || t.large! >= RATIO * Math.max(t.small!, FLOOR_MS))
      .map((t) => (t.error ? `${t.shape}: ${t.error.split('\n')[0]}` : `${t.shape}: ${t.small!.toFixed(1)} ms → ${t.large!.toFixed(1)} ms`));
    expect(timings.map((t) => t.shape)).toEqual(Object.keys(shapes));
    expect(bad).toEqual([]);
  });

  it('the harness sees a quadratic function as super-linear and a linear one as linear', { timeout: 600_000 }, async () => {
    const quadratic: Subject = {
      name: 'quadratic',
      module: 'text/index.ts',
      call: '(m, s) => { let n = 0; for (let i = 0; i < s.length; i += 1) for (let j = 0; j < s.length; j += 16) n += s.charCodeAt(j); return n; }',
    };
    const linear: Subject = { ...quadratic, name: 'linear', call: '(m, s) => { let n = 0; for (let k = 0; k < 200; k++) for (let i = 0; i < s.length; i++) n += s.charCodeAt(i); return n; }' };
    const input: Input[] = [['digits', '1'.repeat(SMALL), '1'.repeat(LARGE), '1'.repeat(1_000)]];
    const [q] = await timeSubject(quadratic, input);
    const [l] = await timeSubject(linear, input);
    expect(q.error ?? (q.large! >= RATIO * Math.max(q.small!, FLOOR_MS) ? 'super-linear' : 'linear')).not.toBe('linear');
    expect(l.error).toBeUndefined();
    expect(l.large!).toBeLessThan(RATIO * Math.max(l.small!, FLOOR_MS));
  });
});
