/** POST /v1/batches: bulk ingest of flags and notes. */
import { batchEnvelopeSchema } from '@/lib/shared/protocol/batch';
import { MAX_BATCH_BYTES, MAX_BATCH_ITEMS } from '@/lib/shared/protocol/limits';
import { parseWith, readJson } from '../http/body';
import { HttpError } from '../http/respond';
import type { Route } from '../http/router';
import { ingestBatch, toCandidates } from '../ingest';

function countOf(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const records = (body as { records?: unknown }).records;
  return Array.isArray(records) ? records.length : 0;
}

export const batchRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/batches',
    access: 'reviewer',
    async handle({ req, db, principal }) {
      const body = await readJson(req, MAX_BATCH_BYTES);
      const count = countOf(body);
      if (count > MAX_BATCH_ITEMS) {
        throw new HttpError(
          413,
          'payload_too_large',
          `A batch holds at most ${MAX_BATCH_ITEMS} records; this one has ${count}.`,
          { limitItems: MAX_BATCH_ITEMS, items: count },
        );
      }
      const envelope = parseWith(batchEnvelopeSchema, body, 'Invalid batch');
      const reviewer = principal?.reviewer ?? '';
      const response = await ingestBatch(db, reviewer, toCandidates(envelope));
      return { status: 200, body: response };
    },
  },
];
