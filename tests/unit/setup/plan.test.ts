import { describe, expect, it } from 'vitest';
import { type Machine, planSetup, type Requirement } from '../../../scripts/setup/plan';

const chromium = (present: boolean): Requirement => ({
  label: 'Chromium',
  aptPackage: 'chromium',
  pathVariable: 'CHROME_PATH',
  present,
});
const firefox = (present: boolean): Requirement => ({
  label: 'Firefox',
  aptPackage: 'firefox-esr',
  pathVariable: 'FIREFOX_PATH',
  present,
});
const fonts = (present: boolean): Requirement => ({
  label: 'Thai fonts',
  aptPackage: 'fonts-thai-tlwg',
  present,
  optional: true,
});

const debian = (overrides: Partial<Machine> = {}): Machine => ({
  platform: 'linux',
  isRoot: false,
  hasPasswordlessSudo: false,
  hasAptGet: true,
  ...overrides,
});

describe('planSetup', () => {
  it('does nothing when everything is there', () => {
    expect(planSetup([chromium(true), firefox(true), fonts(true)], debian())).toEqual({
      action: 'ready',
      skipped: [],
    });
  });

  it('installs every missing package as root, without sudo', () => {
    const plan = planSetup(
      [chromium(false), firefox(true), fonts(false)],
      debian({ isRoot: true }),
    );
    expect(plan).toMatchObject({ action: 'install', packages: ['chromium', 'fonts-thai-tlwg'] });
    if (plan.action !== 'install') throw new Error('expected an install plan');
    expect(plan.commands).toEqual([
      ['apt-get', 'update', '-qq'],
      [
        'env',
        'DEBIAN_FRONTEND=noninteractive',
        'apt-get',
        'install',
        '-y',
        '-qq',
        'chromium',
        'fonts-thai-tlwg',
      ],
    ]);
    expect(plan.shown).toBe(
      'apt-get update -qq && env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg',
    );
  });

  it('installs through sudo -n when sudo needs no password', () => {
    const plan = planSetup(
      [chromium(false), firefox(false)],
      debian({ hasPasswordlessSudo: true }),
    );
    if (plan.action !== 'install') throw new Error('expected an install plan');
    expect(plan.commands.every((argv) => argv[0] === 'sudo' && argv[1] === '-n')).toBe(true);
    expect(plan.packages).toEqual(['chromium', 'firefox-esr']);
  });

  it('stops with the one command to run when it may not install a missing browser', () => {
    expect(
      planSetup([chromium(false), firefox(false), fonts(false)], debian(), 'npm test'),
    ).toEqual({
      action: 'stop',
      sentence:
        'No Chromium and Firefox found, and this user cannot install packages (not root, and no sudo without a password).',
      command: 'sudo apt-get update && sudo apt-get install -y chromium firefox-esr',
    });
  });

  it('skips a missing optional package it may not install, and runs', () => {
    expect(planSetup([chromium(true), fonts(false)], debian())).toEqual({
      action: 'ready',
      skipped: [fonts(false)],
    });
  });

  it('never tries apt-get off Linux or without it, and names the variable to set', () => {
    for (const machine of [
      debian({ platform: 'darwin', hasAptGet: false, isRoot: true }),
      debian({ hasAptGet: false, isRoot: true }),
    ]) {
      const plan = planSetup([chromium(false)], machine, 'npm start');
      expect(plan.action).toBe('stop');
      if (plan.action !== 'stop') continue;
      expect(plan.sentence).toMatch(
        /^No Chromium found, and Flagpost installs packages only with apt-get/,
      );
      expect(plan.command).toBe('CHROME_PATH=/path/to/chromium npm start');
    }
  });

  it('stops on a browser variable that names nothing, even where it could install', () => {
    const plan = planSetup(
      [{ ...chromium(false), misconfigured: { variable: 'CHROME_PATH', value: '/opt/none' } }],
      debian({ isRoot: true }),
    );
    expect(plan).toMatchObject({
      action: 'stop',
      sentence:
        'CHROME_PATH is set to "/opt/none", which does not exist, so Flagpost has no Chromium to run.',
    });
    if (plan.action === 'stop') expect(plan.command).toMatch(/^unset CHROME_PATH/);
  });
});
