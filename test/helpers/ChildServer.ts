import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const MAIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

/** A server running in a child process, so a test can kill it like a crash would. */
export interface ChildServer {
  process: ChildProcess;
  base: string;
  /** Everything the child wrote to stderr so far. */
  output(): string;
}

/** Starts `digital-thread serve` on 127.0.0.1 and resolves once /health returns 200 (within `timeoutMs`). */
export async function startChildServer(dataDirectory: string, port: number, extraArgs: string[] = [], timeoutMs = 10_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', dataDirectory, '--no-sample', ...extraArgs], {
    env: { ...process.env, DT_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const base = `http://127.0.0.1:${port}/`;

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with code ${child.exitCode}:\n${stderr}`);
    }
    try {
      const response = await fetch(`${base}health`);
      if (response.ok) {
        return { process: child, base, output: () => stderr };
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`The server did not answer within ${timeoutMs / 1000} s:\n${stderr}`);
}

/** Waits for a child process to exit (5 s at most) and returns its exit code or signal. */
export function exited(child: ChildProcess): Promise<number | string | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 5_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}
