/**
 * The JSON export format: a versioned envelope around the wire records of lib/shared/protocol, so a
 * file says what it is and a future Flagpost can read (or refuse) an older one knowingly.
 */
import { z } from 'zod';
import {
  creatorSchema,
  flagSchema,
  isoTimeSchema,
  noteSchema,
} from '@/lib/shared/protocol/records';

export const EXPORT_FORMAT = 'flagpost-export';
export const EXPORT_VERSION = 1;

/** A creator as exported: the wire shape plus when this device last saw it on a page. */
export const exportedCreatorSchema = creatorSchema.extend({
  lastSeenAt: isoTimeSchema.optional(),
});
export type ExportedCreator = z.infer<typeof exportedCreatorSchema>;

export const exportEnvelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT, { error: `must be "${EXPORT_FORMAT}"` }),
  version: z.literal(EXPORT_VERSION, {
    error: `must be ${EXPORT_VERSION}: this Flagpost reads version ${EXPORT_VERSION} exports`,
  }),
  exportedAt: isoTimeSchema,
  flags: z.array(flagSchema),
  notes: z.array(noteSchema),
  creators: z.array(exportedCreatorSchema),
});
export type ExportEnvelope = z.infer<typeof exportEnvelopeSchema>;

/** What an export holds, whatever its file format. */
export type ExportData = Pick<ExportEnvelope, 'flags' | 'notes' | 'creators'>;

/** One thing wrong with an import file, and where: "row 4, column 9 (severity)" or a JSON path. */
export interface ImportProblem {
  where: string;
  message: string;
}
