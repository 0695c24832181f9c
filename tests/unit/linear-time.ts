/**
 * Growth of running time with input size, measured in one run: a ratio of two sizes is the same
 * on a loaded machine as on an idle one, where an absolute limit is not.
 */

/** Milliseconds per call of `fn`, repeated until `minMs` have passed (one small call is too quick to time). */
function perCall(fn: () => unknown, minMs = 40): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / calls;
}

/** How many times longer `fn` takes on `large` than on `small` (best of three each, against noise). */
export function growth<T>(fn: (input: T) => unknown, small: T, large: T): number {
  const best = (input: T) => Math.min(...[0, 1, 2].map(() => perCall(() => fn(input))));
  const t = best(small);
  return best(large) / t;
}
