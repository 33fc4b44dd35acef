/**
 * A headed Chromium on a virtual X display, for the one thing headless Chromium cannot do:
 * take a browser keyboard command as the user's gesture. A command typed on the keyboard
 * grants the extension `activeTab` on the tab, which `tabs.captureVisibleTab` (evidence
 * snapshots) requires; Playwright's keyboard types into the page, not the browser, so the
 * keys are sent to the X server with xdotool. Needs Debian's `xvfb` and `xdotool` (.ci/run
 * installs them).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export const VIRTUAL_DISPLAY_MISSING = ['/usr/bin/Xvfb', '/usr/bin/xdotool'].some(
  (path) => !existsSync(path),
)
  ? 'needs Xvfb and xdotool (sudo apt-get install -y xvfb xdotool)'
  : undefined;

export interface VirtualDisplay {
  display: string;
  /** Types `keys` (xdotool syntax, e.g. "alt+shift+g") into the focused browser window. */
  press(keys: string): void;
  close(): void;
}

export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  // A display number nobody else on the machine is likely to use at the same moment.
  const display = `:${200 + (process.pid % 600)}`;
  const server: ChildProcess = spawn(
    'Xvfb',
    [display, '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'],
    { stdio: 'ignore' },
  );
  const env = { ...process.env, DISPLAY: display };
  for (let i = 0; i < 50; i++) {
    try {
      execFileSync('xdotool', ['getdisplaygeometry'], { env, stdio: 'ignore' });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    display,
    press(keys) {
      const windows = execFileSync('xdotool', ['search', '--onlyvisible', '--class', 'chromium'], {
        env,
      })
        .toString()
        .trim()
        .split('\n')
        .filter(Boolean);
      const window = windows.at(-1);
      if (!window) throw new Error('no Chromium window on the virtual display');
      execFileSync('xdotool', ['windowfocus', '--sync', window], { env });
      execFileSync('xdotool', ['key', '--clearmodifiers', keys], { env });
    },
    close() {
      server.kill();
    },
  };
}
