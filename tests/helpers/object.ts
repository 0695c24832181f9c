/** A shallow copy of `value` without the given keys (a record as an older version wrote it, say). */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const dropped = new Set<PropertyKey>(keys);
  return Object.fromEntries(Object.entries(value).filter(([k]) => !dropped.has(k))) as Omit<T, K>;
}
