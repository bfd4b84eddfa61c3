// Runs the real bot as `npm start` does (built by `npm run build`, then `node dist/src/main.js`) as a child process in
// simulator mode, for the tests that need a process to kill, restart or back up. Loopback only; the port is chosen by
// the OS and read from the start-up log line.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildApp {
  proc: ChildProcess;
  base: string;
  port: number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Everything the child wrote, for a failure message. */
  output(): string;
  /** SIGTERM and wait (graceful: the outbox drains, the database closes). */
  stop(): Promise<number | null>;
  /** SIGKILL and wait: no clean-up at all. */
  kill(): Promise<number | null>;
}

export interface ChildEnv {
  DATABASE_PATH: string;
  MEDIA_DIR: string;
  [name: string]: string;
}

/** `npm start`'s own command line (`node <flags> dist/src/main.js`), run directly so a signal reaches the bot itself. */
function startArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [program, ...args] = scripts.start!.trim().split(/\s+/);
  if (program !== 'node') throw new Error(`npm start is expected to run node, not: ${scripts.start}`);
  return args;
}

let built = false;
/** `npm run build` once per test process, so the child runs the same JavaScript `npm start` runs. */
function buildOnce(): void {
  if (built) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'pipe' });
  built = true;
}

/** Starts the built bot with TRANSPORT=simulator and waits until it listens. */
export async function startChildApp(env: ChildEnv, timeoutMs = 20_000): Promise<ChildApp> {
  buildOnce();
  const proc = spawn(process.execPath, startArgs(), {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TRANSPORT: 'simulator',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      STORE_NAME: 'Test Shop',
      PUBLIC_URL: 'http://127.0.0.1:3999',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the bot did not start within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    proc.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      log += text;
      buffered += text;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!line.includes('simulator ready')) continue;
        const parsed = JSON.parse(line) as { port?: number };
        clearTimeout(timer);
        if (typeof parsed.port === 'number') resolve(parsed.port);
        else reject(new Error(`no port in the start-up line: ${line}`));
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited with ${code} before it was ready:\n${log}`));
    });
  });
  return {
    proc,
    port,
    base: `http://127.0.0.1:${port}`,
    exited,
    output: () => log,
    stop: () => {
      proc.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      proc.kill('SIGKILL');
      return exited;
    },
  };
}

/** A small seeded random source (mulberry32), so a run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
