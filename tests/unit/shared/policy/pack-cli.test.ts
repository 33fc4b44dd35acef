import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const FIXTURE = 'tests/fixtures/packs/context-pack.json';
const dir = mkdtempSync(join(tmpdir(), 'flagpost-pack-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(file: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/pack.ts', 'check', file], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run pack -- check', () => {
  it('reports contexts, their use and every rule clause, after running examples both ways', () => {
    const { status, out } = check(FIXTURE);
    expect(status).toBe(0);
    expect(out).toContain(`${FIXTURE}: OK  pack context-demo 1.0.0 (unsigned)`);
    expect(out).toContain('  6 contexts:');
    expect(out).toMatch(
      /negation: terms en 11, th 5, vi 6, id 8, ms 7, fil 5; used by 3 clause\(s\); 6 must-match, 4 must-not-match examples pass/,
    );
    expect(out).toContain('commerce: terms en 16, th 9, vi 11, id 10, ms 9, fil 7, 3 patterns');
    expect(out).toContain('ambiguous-replica-terms (terms): 8 must-match, 10 must-not-match');
    expect(out).toContain('      requires commerce (anywhere in the item)');
    expect(out).toContain('      unless negation (3 words before)');
    expect(out).toContain('      near 8 terms (3 words either side)');
  });

  it('exits non-zero naming the path and the context that decided a failing example', () => {
    const pack = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    pack.policies[0].rules[0].examples.mustNotMatch.push('Replica handbags, DM for price');
    pack.contexts.negation.examples.mustMatch.push('all genuine');
    pack.policies[1].rules[0].unless.push('negatoin');
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(pack));
    const compileError = check(file);
    expect(compileError.status).toBe(1);
    expect(compileError.err).toContain(
      'policies[1].rules[0].unless[1].context: unknown context "negatoin"; declared: negation,',
    );

    pack.policies[1].rules[0].unless.pop();
    writeFileSync(file, JSON.stringify(pack));
    const { status, err } = check(file);
    expect(status).toBe(1);
    expect(err).toContain(`${file}: REJECTED (2 errors)`);
    expect(err).toContain(
      'contexts.negation.examples.mustMatch[6]: context "negation" should be found in the example but is not',
    );
    expect(err).toContain(
      'policies[0].rules[0].examples.mustNotMatch[10]: example should not match but does (requires commerce found "DM") [policy counterfeit, rule ambiguous-replica-terms]',
    );
  });
});
