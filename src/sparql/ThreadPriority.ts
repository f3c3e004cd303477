import { getPriority, setPriority } from 'node:os';

/** The nice value a thread ended up with, and why it could not be set when it could not. */
export interface ThreadPriority {
  niceness: number;
  error?: string;
}

/**
 * Sets the nice value of the calling thread to `niceness` on Linux, where setpriority(2) with pid 0
 * applies to the calling thread only (a Linux departure from POSIX, documented in the NOTES of that
 * man page). Elsewhere pid 0 means the whole process, which would slow the main thread as well, so
 * other platforms keep their priority. A value of 0 or less changes nothing, because raising a
 * priority needs privileges.
 */
export function lowerThreadPriority(niceness: number, platform: NodeJS.Platform = process.platform): ThreadPriority {
  if (platform !== 'linux' || niceness <= 0) {
    return { niceness: getPriority() };
  }
  try {
    setPriority(niceness);
    return { niceness: getPriority() };
  } catch (error) {
    return { niceness: getPriority(), error: (error as Error).message };
  }
}
