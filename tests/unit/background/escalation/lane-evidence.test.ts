/**
 * The snapshots an escalation cites go to the endpoint just before it (real endpoint over
 * real HTTP): the endpoint then holds the escalation and each image it names; an image the
 * endpoint fails to take holds the escalation on the lane's own short retry, and one it will
 * never take (a type it refuses) lets the escalation go with the hash alone.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import { escalationSchema } from '@/lib/shared/protocol/escalations';
import { useLaneHarness } from './lane-harness';

const harness = useLaneHarness('flagpost-lane-evidence');
const { escalate } = harness;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bytes that start as a PNG does, different for each `seed` (each its own hash). */
function pngLike(seed: string): { bytes: Uint8Array<ArrayBuffer>; sha256: string } {
  const bytes = new Uint8Array([...PNG_SIGNATURE, ...new TextEncoder().encode(seed)]);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function keep(
  image: { bytes: Uint8Array<ArrayBuffer>; sha256: string },
  mimeType = 'image/png',
) {
  await harness.db.evidence.put({
    sha256: image.sha256,
    createdAt: new Date().toISOString(),
    mimeType,
    bytes: new Blob([image.bytes], { type: mimeType }),
    size: image.bytes.byteLength,
  });
}

const lane = (config: EndpointConfig, doFetch?: typeof fetch) =>
  harness.lane(config, {
    timeoutMs: 5_000,
    random: () => 0.5,
    setTimer: () => undefined,
    clearTimer: () => {},
    ...(doFetch ? { fetch: doFetch } : {}),
  });

const asLead = () => ({ headers: { authorization: `Bearer ${harness.lead}` } });

async function atEndpoint(id: string) {
  const response = await fetch(`${harness.server.url}/v1/escalations/${id}`, asLead());
  return response.status === 200 ? escalationSchema.parse(await response.json()) : undefined;
}

async function imageAtEndpoint(sha256: string) {
  const response = await fetch(`${harness.server.url}/v1/evidence/${sha256}`, asLead());
  if (response.status !== 200) return response.status;
  return createHash('sha256')
    .update(new Uint8Array(await response.arrayBuffer()))
    .digest('hex');
}

describe('an escalation with a snapshot', () => {
  it('uploads the image before the escalation: the endpoint holds both', async () => {
    const image = pngLike('live stream, frame one');
    await keep(image);
    const { escalation } = await escalate('A minor on a live stream.', [image.sha256]);
    await lane(harness.endpoint()).kick();
    expect((await harness.db.escalations.get(escalation.id))?.lane).toBe('delivered');
    expect((await atEndpoint(escalation.id))?.evidence).toEqual([image.sha256]);
    expect(await imageAtEndpoint(image.sha256)).toBe(image.sha256);
  });

  it('waits on its own retry while the endpoint fails to take the image, then sends both', async () => {
    const image = pngLike('dangerous heater');
    await keep(image);
    const { escalation } = await escalate('Heater catches fire in the video.', [image.sha256]);
    const failingImages: typeof fetch = async (input, init) =>
      init?.method === 'PUT' && String(input).includes('/v1/evidence/')
        ? new Response('{}', { status: 503 })
        : fetch(input, init);
    await lane(harness.endpoint(), failingImages).kick();
    const row = await harness.db.escalations.get(escalation.id);
    expect(row).toMatchObject({ lane: 'queued', attempts: 1 });
    expect(row?.lastError).toBe('Snapshot upload answered 503');
    expect(await atEndpoint(escalation.id)).toBeUndefined();

    await lane(harness.endpoint()).flush();
    expect((await harness.db.escalations.get(escalation.id))?.lane).toBe('delivered');
    expect((await atEndpoint(escalation.id))?.evidence).toEqual([image.sha256]);
    expect(await imageAtEndpoint(image.sha256)).toBe(image.sha256);
  });

  it('goes with the hash alone when the endpoint will never take the image', async () => {
    // Stored as a JPEG, but PNG bytes: the endpoint refuses the type (415) for good.
    const image = pngLike('mislabelled');
    await keep(image, 'image/jpeg');
    const { escalation } = await escalate('Scam wave in the comments.', [image.sha256]);
    await lane(harness.endpoint()).kick();
    expect((await harness.db.escalations.get(escalation.id))?.lane).toBe('delivered');
    expect((await atEndpoint(escalation.id))?.evidence).toEqual([image.sha256]);
    expect(await imageAtEndpoint(image.sha256)).toBe(404);
  });

  it('is refused with the reason when the endpoint refuses the token for the image', async () => {
    const image = pngLike('refused token');
    await keep(image);
    const { escalation } = await escalate('Threat in the chat.', [image.sha256]);
    await lane(harness.endpoint(`${harness.token}x`)).kick();
    const row = await harness.db.escalations.get(escalation.id);
    expect(row?.lane).toBe('refused');
    expect(row?.lastError).toBe('Snapshot upload answered 401');
  });
});
