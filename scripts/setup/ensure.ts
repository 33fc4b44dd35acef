/**
 * Carries out the set-up plan: installs what is missing when this user may (root, or sudo
 * without a password), saying what it runs; otherwise stops with one sentence and the one
 * command to run. Used by `npm start`, `npm test` (pretest) and `.ci/run`.
 */
import { spawnSync } from 'node:child_process';
import { manualAptCommand, planSetup } from './plan';
import { BROWSERS, type BrowserName, findBrowser, probeMachine } from './probe';
import { type Purpose, requirementsFor } from './requirements';

/** A set-up failure a person can act on: what is wrong, and the command that fixes it. */
export class SetupError extends Error {
  constructor(
    readonly sentence: string,
    readonly command: string,
  ) {
    super(`${sentence}\n  ${command}`);
    this.name = 'SetupError';
  }
}

export interface EnsureOptions {
  purpose: Purpose;
  browsers: readonly BrowserName[];
  /** The command the person ran, for the message that tells them how to run it again. */
  rerun: string;
  log?: (line: string) => void;
}

/** Makes sure the browsers (and what else `purpose` uses) are here; returns their paths. */
export function ensureMachine(options: EnsureOptions): Record<BrowserName, string | undefined> {
  const log = options.log ?? ((line: string) => console.log(`[setup] ${line}`));
  const requirements = requirementsFor(options.purpose, options.browsers);
  const plan = planSetup(requirements, probeMachine(), options.rerun);
  if (plan.action === 'stop') throw new SetupError(plan.sentence, plan.command);

  if (plan.action === 'install') {
    log(`installing ${plan.packages.join(', ')}; running: ${plan.shown}`);
    for (const argv of plan.commands) {
      const [command = '', ...args] = argv;
      const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
      if (result.status !== 0)
        throw new SetupError(
          `"${argv.join(' ')}" failed (${result.error?.message ?? `exit ${result.status}`}), so ${plan.packages.join(', ')} could not be installed.`,
          manualAptCommand(plan.packages),
        );
    }
  }
  for (const skipped of plan.skipped)
    log(
      `${skipped.label} not installed (no permission to install packages): ${manualAptCommand([skipped.aptPackage])}`,
    );

  const paths = {} as Record<BrowserName, string | undefined>;
  for (const name of options.browsers) {
    const spec = BROWSERS[name];
    const found = findBrowser(name);
    if (!found.path)
      throw new SetupError(
        `Installing ${spec.aptPackage} gave no ${spec.label} binary in ${spec.candidates.join(', ')}.`,
        `${spec.pathVariable}=/path/to/${spec.aptPackage} ${options.rerun}`,
      );
    paths[name] = found.path;
  }
  return paths;
}
