import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCsvExport } from '@/lib/shared/exchange/csv-write';
import type { ExportData } from '@/lib/shared/exchange/envelope';
import { writeJsonExport } from '@/lib/shared/exchange/json-format';
import { contentKey } from '@/lib/shared/exchange/merge';
import { detectFormat, readExport } from '@/lib/shared/exchange/read-export';
import { propertyRuns } from '../../property-runs';
import { exportDataArb } from './arbitraries';

const EXPORTED_AT = '2026-11-20T10:00:00.000Z';

/** Equal as the wire sees them ('' and absent optional text are the same in CSV). */
const sameData = (a: ExportData, b: ExportData) => {
  for (const list of ['flags', 'notes', 'creators'] as const)
    expect(b[list].map(contentKey)).toEqual(a[list].map(contentKey));
};

describe('export formats', () => {
  it.each([
    ['csv', (d: ExportData) => writeCsvExport(d, { bom: true })],
    ['json', (d: ExportData) => writeJsonExport(d, EXPORTED_AT)],
  ] as const)('%s: write then read gives back every flag, note and creator', (format, write) => {
    fc.assert(
      fc.property(exportDataArb, (data) => {
        const text = write(data);
        expect(detectFormat(text)).toBe(format);
        const read = readExport(text);
        if (!read.ok) throw new Error(JSON.stringify(read.problems));
        sameData(data, read.data);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('guards cells that a spreadsheet would run as formulas, reversibly', () => {
    const text = writeCsvExport({
      flags: [],
      notes: [],
      creators: [{ platform: 'shopvid', creatorId: 'x', handle: '=HYPERLINK("http://evil")' }],
    });
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const read = readExport(text);
    expect(read.ok && read.data.creators[0]?.handle).toBe('=HYPERLINK("http://evil")');
  });
});
