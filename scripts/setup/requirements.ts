/**
 * What each command needs from the machine. Browsers are required; the rest improves what
 * runs (Thai glyphs in screenshots, the one headed test) and is skipped, with a note, where
 * it cannot be installed.
 */
import type { Requirement } from './plan';
import { BROWSERS, type BrowserName, findBrowser, hasCommand, hasDebianPackage } from './probe';

export type Purpose = 'start' | 'test' | 'ci';

function browser(name: BrowserName): Requirement {
  const spec = BROWSERS[name];
  const found = findBrowser(name);
  return {
    label: spec.label,
    aptPackage: spec.aptPackage,
    pathVariable: spec.pathVariable,
    present: found.path !== undefined,
    ...(found.misconfigured ? { misconfigured: found.misconfigured } : {}),
  };
}

/** Thai script has no glyphs in Debian's default fonts: screenshots show boxes without it. */
function thaiFonts(): Requirement {
  return {
    label: 'Thai fonts',
    aptPackage: 'fonts-thai-tlwg',
    // Where there is no dpkg, there is no apt-get to install it with either.
    present: !hasCommand('dpkg-query') || hasDebianPackage('fonts-thai-tlwg'),
    optional: true,
  };
}

/** Xvfb and xdotool: the evidence-capture test presses a real browser keyboard command. */
function virtualDisplay(): Requirement[] {
  return [
    { label: 'Xvfb', aptPackage: 'xvfb', present: hasCommand('Xvfb'), optional: true },
    { label: 'xdotool', aptPackage: 'xdotool', present: hasCommand('xdotool'), optional: true },
  ];
}

export function requirementsFor(purpose: Purpose, browsers: readonly BrowserName[]): Requirement[] {
  const needed = browsers.map(browser);
  if (purpose === 'start') return [...needed, thaiFonts()];
  return [...needed, thaiFonts(), ...virtualDisplay()];
}
