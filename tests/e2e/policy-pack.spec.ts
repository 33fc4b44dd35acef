/**
 * Policy packs in the options page: an unsigned pack is refused by default, and accepted
 * only once the reviewer allows it, with a warning shown while they do; a good pack file
 * replaces the active pack, a bad one is refused with errors naming where it is wrong and
 * the active pack stays, a pack signed by an untrusted key is refused, the bundled pack is
 * restored with no endpoint, and the endpoint's pack is fetched and activated.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { startTestEndpoint } from './support/endpoint';
import { configureEndpoint } from './support/extension-pages';
import { expect, test } from './support/fixtures';

const MINI = JSON.parse(readFileSync('tests/fixtures/packs/mini-pack.json', 'utf8')) as {
  id: string;
  version: string;
  policies: { id: string; rules: { examples: { mustMatch: string[] } }[] }[];
};

/** Ticks or clears "Accept packs without a signature" and saves, as a reviewer would. */
async function allowUnsigned(page: Page, allow: boolean) {
  const form = page.getByTestId('settings-form');
  await form.getByLabel('Accept packs without a signature').setChecked(allow);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('settings-message')).toContainText('Saved.');
}

async function importPack(page: Page, pack: unknown) {
  await page.getByTestId('pack-file').setInputFiles({
    name: 'pack.json',
    mimeType: 'application/json',
    buffer: Buffer.from(typeof pack === 'string' ? pack : JSON.stringify(pack)),
  });
}

test('a good pack replaces the active one; a bad or untrusted one is refused and changes nothing', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByTestId('pack-active')).toContainText('flagpost-starter');
  await expect(page.getByTestId('pack-active')).toContainText('bundled with Flagpost');

  // Safe by default: the unsigned pack is refused, and no warning is due.
  await expect(page.getByTestId('pack-unsigned-warning')).toHaveCount(0);
  await importPack(page, MINI);
  await expect(page.getByTestId('pack-message')).toHaveText(
    'The pack was refused; the active pack is unchanged.',
  );
  await expect(page.getByTestId('pack-errors')).toContainText(/sign/i);
  await expect(page.getByTestId('pack-active')).toContainText('flagpost-starter');

  // Allowed in the settings: a warning says what that risks, and the pack is accepted.
  await allowUnsigned(page, true);
  await expect(page.getByTestId('pack-unsigned-warning')).toContainText('from anyone');
  await importPack(page, MINI);
  await expect(page.getByTestId('pack-message')).toContainText(
    `Activated ${MINI.id} ${MINI.version}`,
  );
  await expect(page.getByTestId('pack-active')).toContainText('imported from a file');

  // An example that the rule does not match: the pack tests itself and is refused.
  const broken = structuredClone(MINI);
  broken.policies[0]?.rules[0]?.examples.mustMatch.push('a perfectly ordinary sentence');
  await importPack(page, { ...broken, version: '1.0.1' });
  await expect(page.getByTestId('pack-message')).toHaveText(
    'The pack was refused; the active pack is unchanged.',
  );
  // In plain words; the JSON path stays under the technical details.
  await expect(page.getByTestId('pack-error').first()).toContainText(
    `Policy 1 (${broken.policies[0]?.id}), rule 1`,
  );
  await expect(page.getByTestId('pack-errors')).toContainText(
    'the rule should catch this example but does not: “a perfectly ordinary sentence”',
  );
  await expect(page.getByTestId('pack-error-technical').first()).toBeHidden();
  await page.getByTestId('pack-errors').getByText('Technical details').first().click();
  await expect(page.getByTestId('pack-error-technical').first()).toContainText(
    'policies[0].rules[0]',
  );
  await expect(page.getByTestId('pack-active')).toContainText(`${MINI.id} ${MINI.version}`);

  await importPack(page, '{"id": "truncated", ');
  await expect(page.getByTestId('pack-errors')).toContainText('Not JSON');

  // Signed by a key nobody trusts.
  await importPack(page, {
    ...MINI,
    version: '1.0.2',
    signature: { keyId: 'x', algorithm: 'Ed25519', value: 'AAAA' },
  });
  await expect(page.getByTestId('pack-message')).toHaveText(
    'The pack was refused; the active pack is unchanged.',
  );

  // The active pack survives a reload of the extension's worker state.
  await page.reload();
  await expect(page.getByTestId('pack-active')).toContainText(`${MINI.id} ${MINI.version}`);

  // The bundled pack comes back with no endpoint configured, and stays after a reload.
  const restore = page.getByRole('button', { name: 'Restore the bundled pack' });
  await restore.click();
  await expect(page.getByTestId('pack-message')).toContainText('The bundled pack flagpost-starter');
  await expect(page.getByTestId('pack-active')).toContainText('bundled with Flagpost');
  await expect(restore).toBeDisabled();
  await page.reload();
  await expect(page.getByTestId('pack-active')).toContainText('flagpost-starter');
  await expect(page.getByTestId('pack-active')).toContainText('bundled with Flagpost');

  // Back to the safe default: the warning goes.
  await allowUnsigned(page, false);
  await expect(page.getByTestId('pack-unsigned-warning')).toHaveCount(0);
});

test('the endpoint’s published pack is fetched and activated', async ({ browserWithExtension }) => {
  const endpoint = await startTestEndpoint();
  try {
    const { issueToken } = await import('../../server/app');
    const admin = await issueToken(endpoint.server.db, 'lead', { admin: true });
    const published = await fetch(`${endpoint.url}/v1/policy-pack`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: '2.0.0', pack: { ...MINI, version: '2.0.0' } }),
    });
    expect(published.ok).toBe(true);

    const { context, extensionId } = browserWithExtension;
    await configureEndpoint(context, extensionId, {
      endpointUrl: endpoint.url,
      token: endpoint.token,
      reviewerId: endpoint.reviewer,
    });
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    // The published test pack is not signed: the reviewer allows that first.
    await allowUnsigned(page, true);
    await page.getByRole('button', { name: 'Fetch from the endpoint' }).click();
    await expect(page.getByTestId('pack-message')).toContainText('Activated mini 2.0.0');
    await expect(page.getByTestId('pack-active')).toContainText('from the governance endpoint');
    await page.getByRole('button', { name: 'Fetch from the endpoint' }).click();
    await expect(page.getByTestId('pack-message')).toContainText('already active');
  } finally {
    await endpoint.close();
  }
});
