/**
 * Limits shared by the extension's outbox (which packs batches to fit) and the governance
 * endpoint (which answers 413 beyond them). Keeping them in the wire format means both
 * sides change together.
 */

/** Most records one ingest request may carry. */
export const MAX_BATCH_ITEMS = 500;
/** Largest ingest request body, in bytes of UTF-8 JSON (1 MiB). */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Largest policy pack publication body: packs carry thousands of terms (8 MiB). */
export const MAX_POLICY_PACK_BYTES = 8 * 1024 * 1024;
/** Largest body of any other request (enforcement actions and the like). */
export const MAX_SMALL_BODY_BYTES = 64 * 1024;
/** Every route of the governance API lives under this prefix. */
export const API_PREFIX = '/v1';
