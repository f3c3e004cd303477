import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or undefined when they can. CI sets DT_REQUIRE_BROWSER=1 and
 * installs Debian's chromium, so there a missing browser fails the run instead of skipping.
 */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) {
    return undefined;
  }
  if (process.env.DT_REQUIRE_BROWSER === '1') {
    throw new Error(`${CHROMIUM} is missing but DT_REQUIRE_BROWSER=1; install Debian's chromium package.`);
  }
  return `${CHROMIUM} not found; install Debian's chromium package to run browser tests`;
}

/** Launches Debian's Chromium headless, with the flags this machine needs (no sandbox as root, no background traffic). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
