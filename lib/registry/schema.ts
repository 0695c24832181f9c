/**
 * The registry file format, validated with zod, plus the checks that span entries (unique ids,
 * references between wards and sources). Every problem comes out as one `RegistryIssue` naming
 * the entry and the field, so a broken file is fixed in one pass.
 */
import { PROFILE_NAMES } from '../sites/names.ts';
import * as z from 'zod';

/** Ward ids, source ids and profile names are slugs. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

const slug = z.string().regex(SLUG, 'not a slug (lower-case letters, digits, single hyphens)');
const text = z.string().trim().min(1, 'must not be empty');
const httpUrl = z.string().refine(isHttpUrl, 'not an absolute http(s) URL');

export const WardSchema = z.strictObject({
  id: slug,
  name: text,
  province: text,
  legacyDistrict: text.optional(),
  status: z.enum(['active', 'merged', 'archived']),
  mergedInto: slug.optional(),
  aliases: z.array(text).optional(),
  note: z.string().optional(),
});

export const FetchOptionsSchema = z.strictObject({
  delayMs: z.number().int().min(0).optional(),
  caCerts: z.array(text).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export const SourceSchema = z.strictObject({
  id: slug,
  listUrls: z.array(httpUrl).min(1, 'needs at least one listing URL'),
  profile: slug,
  ward: slug.optional(),
  wardsByName: z.array(slug).min(1, 'needs at least one ward').optional(),
  feedUrl: httpUrl.optional(),
  verified: z.boolean(),
  note: z.string().optional(),
  fetch: FetchOptionsSchema.optional(),
});

export const RegistryFileSchema = z.strictObject({
  /** Free text about the file itself. */
  about: z.string().optional(),
  /** The national list of units (path relative to this file): its units are wards of this registry. */
  units: text.optional(),
  wards: z.array(WardSchema),
  sources: z.array(SourceSchema),
});

export type RegistryFile = z.infer<typeof RegistryFileSchema>;

export interface RegistryIssue {
  /** Path into the file, e.g. `['sources', 2, 'listUrls', 0]`. */
  path: (string | number)[];
  message: string;
}

export interface RegistryCheckOptions {
  /** Known profile (family) names; `auto` is always allowed. Defaults to every profile wardfeed has. */
  profiles?: string[];
  /** Ward ids known outside the file (the national list), which sources and `mergedInto` may name. */
  knownWard?: (id: string) => boolean;
}

/** Checks across entries, on a file whose shape is already valid. */
export function crossCheck(file: RegistryFile, opts: RegistryCheckOptions = {}): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const wardIndex = new Map<string, number>();
  const known = (id: string) => wardIndex.has(id) || (opts.knownWard?.(id) ?? false);
  file.wards.forEach((w, i) => {
    const first = wardIndex.get(w.id);
    if (first !== undefined) issues.push({ path: ['wards', i, 'id'], message: `duplicate ward id (also wards[${first}])` });
    else wardIndex.set(w.id, i);
  });
  file.wards.forEach((w, i) => {
    if (w.status === 'merged' && w.mergedInto === undefined) {
      issues.push({ path: ['wards', i, 'mergedInto'], message: 'required when status is "merged"' });
    }
    if (w.status !== 'merged' && w.mergedInto !== undefined) {
      issues.push({ path: ['wards', i, 'mergedInto'], message: `only allowed when status is "merged" (status is "${w.status}")` });
    }
    if (w.mergedInto !== undefined) {
      if (w.mergedInto === w.id) issues.push({ path: ['wards', i, 'mergedInto'], message: 'a ward cannot merge into itself' });
      else if (!known(w.mergedInto)) issues.push({ path: ['wards', i, 'mergedInto'], message: `unknown ward "${w.mergedInto}"` });
    }
  });
  const sourceIndex = new Map<string, number>();
  const profiles = new Set(['auto', ...(opts.profiles ?? PROFILE_NAMES)]);
  file.sources.forEach((s, i) => {
    const first = sourceIndex.get(s.id);
    if (first !== undefined) issues.push({ path: ['sources', i, 'id'], message: `duplicate source id (also sources[${first}])` });
    else sourceIndex.set(s.id, i);
    if (!profiles.has(s.profile)) {
      issues.push({ path: ['sources', i, 'profile'], message: `unknown profile "${s.profile}" (known: ${[...profiles].sort().join(', ')})` });
    }
    if (s.ward !== undefined && s.wardsByName !== undefined) {
      issues.push({ path: ['sources', i, 'wardsByName'], message: 'give either "ward" or "wardsByName", not both' });
    } else if (s.ward === undefined && s.wardsByName === undefined) {
      issues.push({ path: ['sources', i, 'ward'], message: 'missing: a source needs "ward" or "wardsByName"' });
    }
    if (s.ward !== undefined && !known(s.ward)) issues.push({ path: ['sources', i, 'ward'], message: `unknown ward "${s.ward}"` });
    const seen = new Set<string>();
    s.wardsByName?.forEach((id, j) => {
      if (!known(id)) issues.push({ path: ['sources', i, 'wardsByName', j], message: `unknown ward "${id}"` });
      if (seen.has(id)) issues.push({ path: ['sources', i, 'wardsByName', j], message: `ward "${id}" listed twice` });
      seen.add(id);
    });
  });
  return issues;
}
