import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadResult } from './Targets.js';

export type { LoadResult };

/** Runs autocannon for `seconds` and keeps the figures the reports use. */
export async function load(options: autocannon.Options, seconds: number): Promise<LoadResult> {
  const result = await autocannon({ duration: seconds, ...options });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * Sends GETs for random paths among `paths` with `connections` connections: a 3 s warm-up that fills
 * the representation cache, then a measured run of `seconds`. `headers` go with every request. With
 * `serverPid`, the result includes the server's CPU time per request of the measured run, which
 * depends less than throughput on other load on the machine.
 */
export async function getLoad(
  base: string,
  paths: string[],
  options: { accept: string; seconds: number; connections: number; headers?: Record<string, string>; serverPid?: number },
): Promise<LoadResult> {
  const request = { method: 'GET' as const, headers: { accept: options.accept, ...options.headers } };
  const requests = [{ ...request, setupRequest: (r: autocannon.Request) => ({ ...r, path: pick(paths) }) }];
  await autocannon({ url: base, connections: options.connections, duration: 3, requests });
  const cpuBefore = options.serverPid === undefined ? 0 : cpuMillis(options.serverPid);
  const result = await load({ url: base, connections: options.connections, requests }, options.seconds);
  if (options.serverPid === undefined) {
    return result;
  }
  const requestsServed = result.requestsPerSecond * options.seconds;
  return { ...result, serverCpuMicros: Math.round(((cpuMillis(options.serverPid) - cpuBefore) * 1000) / Math.max(1, requestsServed)) };
}

/** Returns the CPU time a process has used, user and system, in milliseconds (Linux /proc, 10 ms clock ticks). */
function cpuMillis(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After the command name: state is field 0, utime field 11, stime field 12 (proc(5)).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function pick<T>(items: T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}
