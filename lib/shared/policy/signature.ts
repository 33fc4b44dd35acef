/**
 * Ed25519 pack signatures with WebCrypto only (globalThis.crypto.subtle: browsers and Node).
 * The signature covers the canonical JSON of the pack without its "signature" member, and
 * names its signer by the raw public key (base64), which must be one of the trusted keys.
 */
import { canonicalJson } from '@/lib/shared/canonical-json';

const ED25519 = { name: 'Ed25519' } as const;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The bytes a signature covers. */
export function signedBytes(pack: Record<string, unknown>): Uint8Array<ArrayBuffer> {
  const { signature: _omit, ...rest } = pack;
  return new TextEncoder().encode(canonicalJson(rest));
}

export async function publicKeyBase64(publicKey: CryptoKey): Promise<string> {
  return toBase64(new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', publicKey)));
}

/** Returns the pack with a "signature" member made with the private key. */
export async function signPack(
  pack: Record<string, unknown>,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
): Promise<Record<string, unknown>> {
  const value = await globalThis.crypto.subtle.sign(ED25519, privateKey, signedBytes(pack));
  const { signature: _old, ...rest } = pack;
  return {
    ...rest,
    signature: {
      alg: 'Ed25519',
      keyId: await publicKeyBase64(publicKey),
      value: toBase64(new Uint8Array(value)),
    },
  };
}

/** true when the pack's signature was made by one of the trusted keys (raw, base64). */
export async function verifyPackSignature(
  pack: Record<string, unknown>,
  signature: { keyId: string; value: string },
  trustedKeys: readonly string[],
): Promise<boolean> {
  if (!trustedKeys.some((k) => k.trim() === signature.keyId.trim())) return false;
  try {
    const raw = fromBase64(signature.keyId);
    if (raw.length !== 32) return false;
    const key = await globalThis.crypto.subtle.importKey('raw', raw, ED25519, false, ['verify']);
    const sig = fromBase64(signature.value);
    if (sig.length !== 64) return false;
    return await globalThis.crypto.subtle.verify(ED25519, key, sig, signedBytes(pack));
  } catch {
    return false;
  }
}
