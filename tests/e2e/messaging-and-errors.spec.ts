/**
 * Messages that are malformed or unknown get a clear error and write nothing; the popup
 * says plainly when the database cannot be opened.
 */
import { expect, popupUrl, test } from './support/fixtures';

test('malformed and unknown messages are refused with a clear error and write nothing', async ({
  browserWithExtension,
}) => {
  const { context, extensionId } = browserWithExtension;
  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  await expect(popup.getByTestId('flag-count')).toHaveText('0');

  const answers = await popup.evaluate(async () => {
    const runtime = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      }
    ).chrome.runtime;
    const send = (message: unknown) => runtime.sendMessage(message);
    return {
      notOurs: await send({ hello: 'world' }),
      unknown: await send({ flagpost: 1, name: 'flags.deleteAll', request: {} }),
      badFlag: await send({
        flagpost: 1,
        name: 'flag.create',
        request: {
          item: { platform: 'shopvid', kind: 'video', itemId: '1', url: 'javascript:alert(1)' },
          policyId: '',
          severity: 'apocalyptic',
        },
      }),
      stats: await send({ flagpost: 1, name: 'stats.get', request: {} }),
    };
  });
  expect(answers.notOurs).toEqual({
    ok: false,
    error: { code: 'bad-request', message: 'Not a Flagpost message.' },
  });
  expect(answers.unknown).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
  expect(answers.badFlag).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  const message = (answers.badFlag as { error: { message: string } }).error.message;
  expect(message).toContain('item.url');
  expect(message).toContain('policyId');
  expect(message).toContain('severity');
  expect(answers.stats).toEqual({ ok: true, data: { flags: 0, notes: 0, items: 0, creators: 0 } });
});

test('the popup says clearly when the database cannot be opened', async ({
  browserWithExtension,
}) => {
  const { context, extensionId, worker } = browserWithExtension;
  // A newer Flagpost would leave the database at a higher version than this one knows:
  // and may have reorganised it; opening it then cannot work, which is what we simulate.
  await worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('flagpost', 9_990);
        // A newer release that reorganised its storage: the tables this one needs are gone.
        request.onupgradeneeded = () => {
          for (const name of [...request.result.objectStoreNames])
            request.result.deleteObjectStore(name);
          // Same table name, another primary key: something no release of ours can adopt.
          request.result.createObjectStore('flags', { keyPath: 'uuid' });
        };
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );
  const popup = await context.newPage();
  await popup.goto(popupUrl(extensionId));
  const error = popup.getByTestId('popup-error');
  await expect(error).toContainText("Flagpost's database cannot be opened");
  await expect(error).toContainText('newer version of Flagpost');
});
