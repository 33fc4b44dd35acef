/**
 * The starter pack's examples pass, and it finds the same things, in Firefox and Chromium as
 * in Node. Firefox once refused the whole pack (no badge at all) because one Thai example
 * depended on where the runtime's word segmenter split Thai; Node's unit tests could not see
 * it. The engine is bundled as the extension bundles it and run in a page of each browser
 * (its own JavaScript engine and Intl); a failure lists every failing example.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { findBrowser } from '../../scripts/setup/probe';
import { checkPack, type PackCheck } from './support/pack-check-entry';

const PACK = JSON.parse(
  readFileSync(resolve('lib/shared/policy/packs/starter-pack.json'), 'utf8'),
) as unknown;
/** The corpus's Thai texts: the script whose word windows depend on a segmenter. */
const TEXTS = readFileSync(resolve('tests/fixtures/corpus/th.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { text: string }).text);

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [resolve('tests/e2e-firefox/support/pack-check-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'FlagpostPackCheck',
    alias: { '@': resolve('.') },
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

async function checkIn(name: 'firefox' | 'chromium', code: string): Promise<PackCheck> {
  const executablePath = findBrowser(name).path;
  if (!executablePath) throw new Error(`No ${name} found (npm run setup installs it).`);
  const browser = await puppeteer.launch({
    browser: name === 'firefox' ? 'firefox' : 'chrome',
    executablePath,
    headless: true,
    ...(name === 'chromium' ? { args: ['--no-sandbox'] } : {}),
  });
  try {
    const page = await browser.newPage();
    await page.evaluate(`${code}; globalThis.FlagpostPackCheck = FlagpostPackCheck; 0`);
    return (await page.evaluate(
      (json, texts) =>
        (
          globalThis as unknown as {
            FlagpostPackCheck: { checkPack: typeof checkPack };
          }
        ).FlagpostPackCheck.checkPack(json, texts),
      PACK,
      TEXTS,
    )) as PackCheck;
  } finally {
    await browser.close();
  }
}

const listed = (check: PackCheck) =>
  check.errors.map((e) => `${e.path} ${e.policyId}/${e.ruleId} ${e.example}: ${e.message}`);

test('the starter pack passes its examples and finds the same on Thai texts in Firefox, Chromium and Node', async () => {
  test.setTimeout(180_000);
  const node = checkPack(PACK, TEXTS);
  expect(listed(node)).toEqual([]);
  expect(node.findings.some((f) => f.length > 0)).toBe(true);
  const code = await bundle();
  for (const name of ['firefox', 'chromium'] as const) {
    const check = await checkIn(name, code);
    expect(listed(check), `failing examples in ${name}`).toEqual([]);
    const differing = TEXTS.flatMap((text, k) =>
      JSON.stringify(check.findings[k]) === JSON.stringify(node.findings[k])
        ? []
        : [`${text}: ${name} ${check.findings[k]?.join(',')}; node ${node.findings[k]?.join(',')}`],
    );
    expect(differing, `findings that differ from Node in ${name}`).toEqual([]);
  }
});
