/**
 * `node --import tsx scripts/setup/main.ts test|ci|start [--browser chromium|firefox]`: the
 * machine set-up on its own (npm's `pretest` and `.ci/run` call it). Exits 1 with one
 * sentence and the command to run when it cannot finish, never with a stack trace.
 */
import { ensureMachine, SetupError } from './ensure';
import type { BrowserName } from './probe';
import type { Purpose } from './requirements';

const USAGE = 'usage: setup test|ci|start [--browser chromium|firefox]';
const PURPOSES: readonly Purpose[] = ['start', 'test', 'ci'];

function parse(argv: string[]): { purpose: Purpose; browsers: BrowserName[] } {
  const [purpose, ...rest] = argv;
  if (!PURPOSES.includes(purpose as Purpose))
    throw new SetupError(`Unknown purpose "${purpose ?? ''}".`, USAGE);
  if (rest.length === 0)
    return {
      purpose: purpose as Purpose,
      browsers: purpose === 'start' ? ['chromium'] : ['chromium', 'firefox'],
    };
  const [flag, value] = rest;
  if (flag !== '--browser' || (value !== 'chromium' && value !== 'firefox') || rest.length > 2)
    throw new SetupError(`Unexpected arguments "${rest.join(' ')}".`, USAGE);
  return { purpose: purpose as Purpose, browsers: [value] };
}

try {
  const { purpose, browsers } = parse(process.argv.slice(2));
  const rerun = purpose === 'ci' ? '.ci/run' : `npm ${purpose === 'test' ? 'test' : 'start'}`;
  const paths = ensureMachine({ purpose, browsers, rerun });
  for (const name of browsers) console.log(`[setup] ${name}: ${paths[name]}`);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`${error.sentence}\n  ${error.command}`);
  process.exit(1);
}
