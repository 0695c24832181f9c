/**
 * Start-up work done once per container and shared by every invocation it serves. A failed start
 * (missing variable, broken registry) is not kept: the next invocation tries again.
 */
export function perContainer<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () =>
    (started ??= start().catch((e: unknown) => {
      started = undefined;
      throw e;
    }));
}
