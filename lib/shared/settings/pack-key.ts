/** A trusted policy-pack signing key as the settings hold it. */
import { z } from 'zod';

export const packKeySchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9+/]{43}=$/,
    'must be an Ed25519 public key: base64 of 32 bytes (44 characters)',
  );
