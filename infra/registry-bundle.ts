/**
 * The registry file a deployment crawls and serves. It is copied into every function bundle
 * (with the extra CA certificates it names) instead of passed as an environment variable:
 * a registry of all 3,321 wards is far larger than Lambda's 4 KB environment.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

/** Where the registry lands inside the function package (`/var/task` is the package root). */
export const DEPLOYED_REGISTRY_NAME = 'registry.json';
export const LAMBDA_TASK_ROOT = '/var/task';

export interface RegistryBundle {
  /** Absolute path of the registry file on the machine that synthesises. */
  file: string;
  /** Files to copy: absolute source -> path relative to the bundle root. */
  files: { from: string; to: string }[];
  environment: Record<string, string>;
  copyCommands(outputDir: string): string[];
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Reads the registry at synth time (a missing or unreadable file stops the synth with the file
 * named) and lists what must travel with it.
 */
export function registryBundle(registryFile: string, validate?: (data: unknown, file: string) => unknown): RegistryBundle {
  const file = resolve(registryFile);
  if (!existsSync(file)) throw new Error(`registry file not found: ${file} (set it with -c registry=PATH)`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`registry file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  validate?.(data, file);

  const files = [{ from: file, to: DEPLOYED_REGISTRY_NAME }];
  const dir = dirname(file);
  const sources = (data as { sources?: { id?: string; fetch?: { caCerts?: unknown } }[] }).sources ?? [];
  const certs = new Set<string>();
  for (const source of sources) {
    const list = source?.fetch?.caCerts;
    if (!Array.isArray(list)) continue;
    for (const cert of list) {
      if (typeof cert !== 'string') continue;
      const abs = resolve(dir, cert);
      const rel = relative(dir, abs);
      // Certificates travel at the same path relative to the registry; one outside its folder has no place in the bundle.
      if (isAbsolute(cert) || rel.startsWith('..')) {
        throw new Error(`registry file ${file}: source ${source.id ?? '?'} names CA certificate ${cert} outside the registry's folder`);
      }
      if (!existsSync(abs)) throw new Error(`registry file ${file}: source ${source.id ?? '?'} names CA certificate ${cert}, which does not exist`);
      certs.add(rel);
    }
  }
  for (const rel of [...certs].sort()) files.push({ from: resolve(dir, rel), to: rel });
  // The national list of units is read at run time beside the registry, never bundled.
  const units = (data as { units?: unknown }).units;
  if (typeof units === 'string') {
    const rel = relative(dir, resolve(dir, units));
    if (isAbsolute(units) || rel.startsWith('..')) throw new Error(`registry file ${file}: units file ${units} lies outside the registry's folder`);
    if (!existsSync(resolve(dir, rel))) throw new Error(`registry file ${file}: units file ${units} does not exist`);
    files.push({ from: resolve(dir, rel), to: rel });
  }

  return {
    file,
    files,
    environment: { WARDFEED_REGISTRY: `${LAMBDA_TASK_ROOT}/${DEPLOYED_REGISTRY_NAME}` },
    copyCommands(outputDir: string) {
      return files.flatMap(({ from, to }) => {
        const target = resolve(outputDir, to);
        return [`mkdir -p ${shellQuote(dirname(target))}`, `cp ${shellQuote(from)} ${shellQuote(target)}`];
      });
    },
  };
}

