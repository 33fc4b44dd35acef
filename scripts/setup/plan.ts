/**
 * What `npm start`, `npm test` and `.ci/run` do about missing system packages (browsers,
 * fonts, a virtual display), decided from facts about the machine alone. Pure: the facts
 * are gathered in probe.ts and the plan is carried out in ensure.ts, so every branch of the
 * decision is unit-tested without touching the machine.
 */

export interface Requirement {
  /** What the reviewer reads: "Chromium", "Firefox", "Thai fonts". */
  label: string;
  /** Debian package that provides it. */
  aptPackage: string;
  /** Whether the machine already has it (for a browser: a usable binary was found). */
  present: boolean;
  /**
   * Optional requirements make something better (Thai text in screenshots, the one headed
   * test) but are never a reason to stop: without a way to install them, they are skipped.
   */
  optional?: boolean;
  /**
   * An environment variable that names the binary (CHROME_PATH, FIREFOX_PATH) and is set to a
   * path that does not exist: installing a package cannot fix that, the variable must change.
   */
  misconfigured?: { variable: string; value: string };
  /** The environment variable that can name this binary instead (browsers only). */
  pathVariable?: string;
}

export interface Machine {
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** `sudo -n true` succeeds: sudo without a password prompt. */
  hasPasswordlessSudo: boolean;
  /** apt-get is on this machine (Debian, Ubuntu and their kin). */
  hasAptGet: boolean;
}

export type Plan =
  | { action: 'ready'; skipped: Requirement[] }
  | {
      action: 'install';
      packages: string[];
      /** argv of each command, run in order; `sudo -n` first when not root. */
      commands: string[][];
      /** The commands as one shell line, printed before they run. */
      shown: string;
      skipped: Requirement[];
    }
  | { action: 'stop'; sentence: string; command: string };

const list = (labels: string[]) =>
  labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;

/**
 * The apt-get commands for `packages`, with `sudo -n` unless root (never a password prompt:
 * CI has no one to answer it). The install runs non-interactively through `env`, since sudo
 * drops the caller's environment.
 */
export function aptCommands(packages: string[], asRoot: boolean): string[][] {
  const prefix = asRoot ? [] : ['sudo', '-n'];
  return [
    [...prefix, 'apt-get', 'update', '-qq'],
    [
      ...prefix,
      'env',
      'DEBIAN_FRONTEND=noninteractive',
      'apt-get',
      'install',
      '-y',
      '-qq',
      ...packages,
    ],
  ];
}

/** What a person types to install `packages` themselves. */
export function manualAptCommand(packages: string[]): string {
  return `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
}

/**
 * `rerun` is the command the person ran (`npm start`, `npm test`), for the one line that
 * tells them how to run it with a browser they installed some other way.
 */
export function planSetup(
  requirements: readonly Requirement[],
  machine: Machine,
  rerun = 'npm start',
): Plan {
  const misconfigured = requirements.find((r) => r.misconfigured && !r.optional);
  if (misconfigured?.misconfigured) {
    const { variable, value } = misconfigured.misconfigured;
    return {
      action: 'stop',
      sentence: `${variable} is set to "${value}", which does not exist, so Flagpost has no ${misconfigured.label} to run.`,
      command: `unset ${variable}   # or: export ${variable}=/path/to/${misconfigured.aptPackage}`,
    };
  }
  const missing = requirements.filter((r) => !r.present && !r.misconfigured);
  const missingRequired = missing.filter((r) => !r.optional);
  if (missing.length === 0) return { action: 'ready', skipped: [] };

  const canInstall =
    machine.platform === 'linux' &&
    machine.hasAptGet &&
    (machine.isRoot || machine.hasPasswordlessSudo);
  if (canInstall) {
    const packages = missing.map((r) => r.aptPackage);
    const commands = aptCommands(packages, machine.isRoot);
    return {
      action: 'install',
      packages,
      commands,
      shown: commands.map((argv) => argv.join(' ')).join(' && '),
      skipped: [],
    };
  }
  if (missingRequired.length === 0) return { action: 'ready', skipped: missing };

  const labels = list(missingRequired.map((r) => r.label));
  if (machine.platform === 'linux' && machine.hasAptGet)
    return {
      action: 'stop',
      sentence: `No ${labels} found, and this user cannot install packages (not root, and no sudo without a password).`,
      command: manualAptCommand(missingRequired.map((r) => r.aptPackage)),
    };
  const variables = missingRequired
    .map((r) => `${r.pathVariable ?? 'PATH'}=/path/to/${r.aptPackage}`)
    .join(' ');
  return {
    action: 'stop',
    sentence: `No ${labels} found, and Flagpost installs packages only with apt-get on Debian-like Linux: install ${labels} yourself and name the binary.`,
    command: `${variables} ${rerun}`,
  };
}
