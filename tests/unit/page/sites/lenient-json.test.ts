import { describe, expect, it } from 'vitest';
import { decodeEntities, parseLenientJson } from '@/lib/page/sites/lenient-json';

describe('parseLenientJson', () => {
  it('reads valid JSON as it is', () => {
    expect(parseLenientJson('{"a": [1, 2]}')).toEqual([{ a: [1, 2] }]);
  });

  it('repairs trailing commas, comments and raw line breaks in strings', () => {
    expect(parseLenientJson('{ // c\n "a": "x\ny", /* d */ "b": [1, 2,], }')).toEqual([
      { a: 'x\ny', b: [1, 2] },
    ]);
  });

  it('keeps comment-like and comma-like text inside strings', () => {
    expect(parseLenientJson('{"u": "https://x.example/a,}", "c": "/* no */",}')).toEqual([
      { u: 'https://x.example/a,}', c: '/* no */' },
    ]);
  });

  it('splits objects run together and drops stray text between them', () => {
    expect(parseLenientJson('{"a":1}\n{"b":2};[3],{"c":4}')).toEqual([
      { a: 1 },
      { b: 2 },
      [3],
      { c: 4 },
    ]);
  });

  it('decodes an HTML-escaped body', () => {
    expect(parseLenientJson('{&quot;a&quot;:&quot;b &amp;amp; c&quot;}')).toEqual([
      { a: 'b &amp; c' },
    ]);
    expect(decodeEntities('&#x3C;&#60;&lt;&unknown;')).toBe('<<<&unknown;');
  });

  it('unwraps CDATA and HTML comments', () => {
    expect(parseLenientJson('//<![CDATA[\n{"a":1}\n//]]>')).toEqual([{ a: 1 }]);
    expect(parseLenientJson('<!-- {"a":1} -->')).toEqual([{ a: 1 }]);
  });

  it('skips what it cannot repair, without throwing', () => {
    for (const text of [
      '',
      '   ',
      '{"a":',
      "{'a': 1}",
      '}}}]]]',
      '"just a string"',
      '{"a": tru}',
    ]) {
      expect(() => parseLenientJson(text)).not.toThrow();
    }
    expect(parseLenientJson('{"a":')).toEqual([]);
    expect(parseLenientJson("{'a': 1}")).toEqual([]);
    expect(parseLenientJson('{"a": 1} {"b":')).toEqual([{ a: 1 }]);
  });

  it('stops at absurd nesting and refuses huge blocks', () => {
    expect(() => parseLenientJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}x`)).not.toThrow();
    expect(parseLenientJson(`{"a":"${'x'.repeat(2_100_000)}"}`)).toEqual([]);
  });
});
