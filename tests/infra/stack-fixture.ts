/** Synthesises the stack for assertions: bundling skipped, the project's own cdk.json context. */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../infra/bundling.ts';
import { WardfeedStack, type WardfeedStackProps } from '../../infra/wardfeed-stack.ts';
import { parseRegistry } from '../../lib/registry/index.ts';

export const CDK_CONTEXT = (JSON.parse(readFileSync(resolve(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A small registry with one verified and one unverified source, and a CA certificate to ship. */
export function writeTestRegistry(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wardfeed-infra-'));
  mkdirSync(join(dir, 'certs'));
  writeFileSync(join(dir, 'certs', 'chain.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const registry = {
    wards: [
      { id: 'thanh-tri-hoang-mai', name: 'Phường Thanh Trì', province: 'Thành phố Hà Nội', legacyDistrict: 'Quận Hoàng Mai', status: 'active' },
      { id: 'my-long', name: 'Phường Mỹ Long', province: 'Tỉnh An Giang', status: 'active' },
    ],
    sources: [
      {
        id: 'thanh-tri',
        listUrls: ['https://hoangmai.hanoi.gov.vn/phuong-thanh-tri'],
        profile: 'auto',
        ward: 'thanh-tri-hoang-mai',
        verified: true,
        fetch: { caCerts: ['certs/chain.pem'] },
      },
      { id: 'my-long', listUrls: ['https://mylong.angiang.gov.vn/tin-tuc'], profile: 'auto', ward: 'my-long', verified: false, note: 'address not attested' },
    ],
  };
  const file = join(dir, 'registry.json');
  writeFileSync(file, JSON.stringify(registry, null, 2));
  return { dir, file };
}

export function synth(props: WardfeedStackProps = {}, context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } });
  const registryFile = props.registryFile ?? writeTestRegistry().file;
  const stack = new WardfeedStack(app, 'WardfeedTest', { validateRegistry: parseRegistry, ...props, registryFile });
  return { app, stack, template: Template.fromStack(stack) };
}

/** Properties as the template holds them: JSON of no checked shape, read with `at`, `list` and `text`. */
export type Properties = Record<string, unknown>;
type Resources = Record<string, { Type: string; Properties: Properties }>;

/** The value at `path` below `value`; stepping through a missing or non-object value throws, as a property read would. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') throw new TypeError(`no ${String(key)} in ${JSON.stringify(v)}`);
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** Like `at`, but a missing step gives undefined (optional chaining). */
export function maybeAt(value: unknown, ...path: Array<string | number>): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** A template value that must be a list. */
export function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`not a list: ${JSON.stringify(value)}`);
  return value as unknown[];
}

/** A template value that must be a string. */
export function text(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`not a string: ${JSON.stringify(value)}`);
  return value;
}

/** A template value that must be a number. */
export function num(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`not a number: ${JSON.stringify(value)}`);
  return value;
}

export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The one resource of a type whose logical id starts with `prefix`. */
export function one(template: Template, type: string, prefix: string): { id: string; Properties: Properties } {
  const found = Object.entries(resourcesOf(template, type)).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} named ${prefix}*, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  return { id: found[0][0], Properties: found[0][1].Properties };
}
