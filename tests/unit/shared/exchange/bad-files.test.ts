import { describe, expect, it } from 'vitest';
import { writeCsvExport } from '@/lib/shared/exchange/csv-write';
import { writeJsonExport } from '@/lib/shared/exchange/json-format';
import { readExport } from '@/lib/shared/exchange/read-export';
import { ITEM, sampleFlag, sampleNote } from '../../background/store/samples';

const flag = () => {
  const { itemKey: _i, creatorKey: _c, ...wire } = sampleFlag();
  return wire;
};
const note = () => {
  const { targetKey: _t, creatorKey: _c, ...wire } = sampleNote();
  return wire;
};
const problemsOf = (text: string) => {
  const read = readExport(text);
  if (read.ok) throw new Error('expected the file to be refused');
  return read.problems;
};

describe('a bad file is refused with where it is wrong', () => {
  it('CSV: row and column of a bad value', () => {
    const lines = writeCsvExport({ flags: [flag(), flag()], notes: [note()], creators: [] }).split(
      '\r\n',
    );
    lines[2] = lines[2]!.replace(',high,', ',extreme,').replace(ITEM.url, 'javascript:alert(1)');
    const problems = problemsOf(lines.join('\r\n'));
    expect(problems).toEqual([
      { where: 'row 3, column 21 (item.url)', message: 'must be an http(s) URL' },
      expect.objectContaining({ where: 'row 3, column 11 (severity)' }),
    ]);
  });

  it('CSV: a wrong header, a short row, an unknown type, a duplicate id', () => {
    expect(problemsOf('type,id\r\nflag,1\r\n')[0]?.where).toBe('row 1 (header)');
    const good = writeCsvExport({ flags: [flag()], notes: [], creators: [] });
    expect(problemsOf(`${good}flag,x\r\n`)).toEqual([
      { where: 'row 3', message: 'has 2 fields, the header has 30' },
    ]);
    const [header, row] = good.split('\r\n');
    expect(problemsOf(`${header}\r\n${row!.replace(/^flag/, 'flog')}\r\n`)[0]?.where).toBe(
      'row 2, column 1 (type)',
    );
    expect(problemsOf(`${header}\r\n${row}\r\n${row}\r\n`)[0]).toEqual({
      where: 'row 3, column 2 (id)',
      message: expect.stringContaining('appears twice (also at row 2, column 2 (id))'),
    });
  });

  it('CSV: a syntax error names its row and column', () => {
    const good = writeCsvExport({ flags: [flag()], notes: [], creators: [] });
    expect(problemsOf(`${good}flag,"open`)[0]?.where).toBe('row 3, column 2');
  });

  it('JSON: the JSON path of each bad value, and the envelope', () => {
    const data = JSON.parse(
      writeJsonExport({ flags: [flag()], notes: [note()], creators: [] }, '2026-11-20T10:00:00Z'),
    );
    data.flags[0].revision = 0;
    data.notes[0].target.item.url = 'data:text/html,x';
    expect(problemsOf(JSON.stringify(data)).map((p) => p.where)).toEqual([
      '$.flags[0].revision',
      '$.notes[0].target.item.url',
    ]);
    expect(problemsOf(JSON.stringify({ ...data, version: 2 }))[0]?.where).toBe('$.version');
    expect(problemsOf('{"format": ')[0]?.message).toContain('not valid JSON');
  });
});
