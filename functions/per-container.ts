/**
 * Start-up work done once per container and shared by every invocation it serves. A failed start
 * (missing variable, broken registry) is not kept: the next invocation tries again.
 */
export function perContainer<T>(start: () => T | PromiseLike<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () =>
    // A start that throws at once fails like one that rejects: not kept either.
    (started ??= new Promise<T>((resolve) => resolve(start())).catch((e: unknown) => {
      started = undefined;
      throw e;
    }));
}
