import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOM, CsvSyntaxError, parseCsv, writeCsv } from '@/lib/shared/exchange/csv';
import { propertyRuns } from '../../property-runs';
import { trickyText } from './arbitraries';

const fields = (text: string) => parseCsv(text).map((record) => record.fields);

describe('CSV (RFC 4180)', () => {
  it('round-trips any table of strings: Thai, Vietnamese, quotes, commas, CR/LF, emoji', () => {
    const table = fc.array(fc.array(trickyText, { minLength: 1, maxLength: 6 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(table, fc.boolean(), (rows, bom) => {
        // A record of one empty field is written as an empty line, which reads back as such.
        expect(fields(writeCsv(rows, { bom }))).toEqual(rows);
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('ends every record with CRLF, doubles quotes and quotes only what needs it', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'line\nbreak', 'ไทย', ' pad']])).toBe(
      'a,"b,c","say ""hi""","line\nbreak",ไทย," pad"\r\n',
    );
  });

  it('prefixes the byte-order mark only when asked, and reading skips it', () => {
    expect(writeCsv([['x']], { bom: true })).toBe(`${BOM}x\r\n`);
    expect(writeCsv([['x']])).toBe('x\r\n');
    // A value that itself starts with a byte-order mark survives the reader's stripping.
    expect(fields(writeCsv([[`${BOM}x`]]))).toEqual([[`${BOM}x`]]);
    expect(fields(`${BOM}Tiếng Việt,ภาษาไทย\r\n`)).toEqual([['Tiếng Việt', 'ภาษาไทย']]);
  });

  it('reads LF line ends, a missing final line end and empty fields', () => {
    expect(fields('a,b\nc,\n,d')).toEqual([
      ['a', 'b'],
      ['c', ''],
      ['', 'd'],
    ]);
    expect(fields('""')).toEqual([['']]);
    expect(fields('')).toEqual([]);
  });

  it('counts lines inside quoted fields so records report the line they start on', () => {
    const records = parseCsv('h\r\n"two\nlines"\r\nnext\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it.each([
    ['a,"unclosed\r\n', 1, 2, 'never closed'],
    ['a,b\r\nc,"x"y\r\n', 2, 2, 'after the closing'],
    ['a,b\r\nc,d"e\r\n', 2, 2, 'inside an unquoted field'],
  ])('locates a malformed file: %j', (text, row, column, detail) => {
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      const syntax = error as CsvSyntaxError;
      expect([syntax.row, syntax.column]).toEqual([row, column]);
      expect(syntax.message).toContain(detail);
    }
  });
});
