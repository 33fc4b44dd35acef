/**
 * Facts about this machine for the set-up plan (plan.ts): who we are, whether apt-get and
 * passwordless sudo are there, and where the browsers are. Also the one place that finds
 * the browsers, so the tests, `npm start` and the benchmarks run the same binaries.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Machine } from './plan';

export type BrowserName = 'chromium' | 'firefox';

export interface BrowserSpec {
  label: string;
  aptPackage: string;
  pathVariable: string;
  /** Where Debian, Ubuntu and snap put the binary, in order of preference. */
  candidates: readonly string[];
}

export const BROWSERS: Record<BrowserName, BrowserSpec> = {
  chromium: {
    label: 'Chromium',
    aptPackage: 'chromium',
    pathVariable: 'CHROME_PATH',
    candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'],
  },
  firefox: {
    label: 'Firefox',
    aptPackage: 'firefox-esr',
    pathVariable: 'FIREFOX_PATH',
    candidates: ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox'],
  },
};

export interface BrowserLookup {
  path?: string;
  /** The variable names a binary that does not exist. */
  misconfigured?: { variable: string; value: string };
}

export function findBrowser(name: BrowserName, env = process.env): BrowserLookup {
  const spec = BROWSERS[name];
  const configured = env[spec.pathVariable];
  if (configured)
    return existsSync(configured)
      ? { path: configured }
      : { misconfigured: { variable: spec.pathVariable, value: configured } };
  const path = spec.candidates.find((candidate) => existsSync(candidate));
  return path ? { path } : {};
}

/** An executable named `command` on PATH. */
export function hasCommand(command: string, env = process.env): boolean {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** Debian's package database says `pkg` is installed (false where there is no dpkg). */
export function hasDebianPackage(pkg: string): boolean {
  if (!hasCommand('dpkg-query')) return false;
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax.
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

export function probeMachine(): Machine {
  const isRoot = process.getuid?.() === 0;
  // -n: never prompt; a sudo that wants a password fails at once instead of waiting.
  const hasPasswordlessSudo =
    !isRoot && hasCommand('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0;
  return {
    platform: process.platform,
    isRoot,
    hasPasswordlessSudo,
    hasAptGet: hasCommand('apt-get'),
  };
}
