// Starts the built Collab web app (single node, SQLite, dev token issuer, demo circles) on free loopback
// ports in a temporary data folder, exactly as a user runs it; stop() ends it and deletes the folder.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const webProject = path.join(repoRoot, 'web', 'Collab.Web');
const webDll = path.join(webProject, 'bin', 'Debug', 'net10.0', 'Collab.Web.dll');
const bundle = path.join(webProject, 'wwwroot', 'js', 'app.js');

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

/** Distinct free TCP ports on the loopback interface (all held open together, so none repeats). */
export async function freePorts(count) {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** `settings`: extra configuration, as `{ 'Collab:Section:Key': value }`, passed on the command line. */
export async function startCollabServer({ settings = {} } = {}) {
  for (const [file, what] of [[webDll, 'the web app'], [bundle, 'the browser bundle']]) {
    if (!existsSync(file)) throw new Error(`${what} is not built (${file} is missing): run \`dotnet build Collab.sln\` first.`);
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'collab-browser-'));
  const [httpPort, siloPort, gatewayPort] = await freePorts(3);
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const log = [];
  const child = spawn('dotnet', [
    webDll,
    '--urls', baseUrl,
    '--contentRoot', webProject,
    `--Collab:Storage:SqlitePath=${path.join(dataDir, 'collab.db')}`,
    `--Collab:Auth:DevKeyPath=${path.join(dataDir, 'dev-signing.key')}`,
    `--Collab:Cluster:SiloPort=${siloPort}`,
    `--Collab:Cluster:GatewayPort=${gatewayPort}`,
    `--Collab:Cluster:ClusterId=browser-${process.pid}-${Date.now()}`,
    '--Collab:Demo:Seed=true',
    '--Logging:LogLevel:Default=Warning',
    ...Object.entries(settings).map(([key, value]) => `--${key}=${value}`),
  ], {
    cwd: dataDir,
    env: { ...process.env, ASPNETCORE_ENVIRONMENT: 'Production', DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const remember = (chunk) => {
    log.push(...chunk.toString().split('\n').filter(Boolean));
    if (log.length > 400) log.splice(0, log.length - 400);
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
  });

  const server = {
    baseUrl,
    dataDir,
    /** The last lines the server wrote, for failure messages. */
    logTail: (lines = 60) => log.slice(-lines).join('\n'),
    async stop() {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };

  try {
    await waitUntilReady(baseUrl, exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n--- server output ---\n${server.logTail()}`);
  }
  return server;
}

/** Polls /health/ready (the server has no other readiness signal) until 200, the process exits, or time runs out. */
async function waitUntilReady(baseUrl, exited) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exit = null;
  exited.then((e) => { exit = e; });
  while (Date.now() < deadline) {
    if (exit) throw new Error(`The Collab server exited before it was ready (code ${exit.code}, signal ${exit.signal}${exit.error ? `, ${exit.error.message}` : ''}).`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The Collab server was not ready within ${READY_TIMEOUT_MS / 1000} s.`);
}
