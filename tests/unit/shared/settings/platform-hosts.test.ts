import { describe, expect, it } from 'vitest';
import {
  isPlatformHost,
  PLATFORM_HOSTS_MAX,
  platformHostsSchema,
  readPlatformHosts,
} from '@/lib/shared/settings/platform-hosts';

describe('readPlatformHosts (the options page list)', () => {
  it('reads one host per line, lowercased, blank lines and repeats dropped', () => {
    expect(
      readPlatformHosts('ShopVid.com\n\n  *.shopvid.com \r\nshopvid.com\n127.0.0.1\n'),
    ).toEqual({ ok: true, hosts: ['shopvid.com', '*.shopvid.com', '127.0.0.1'] });
  });

  it('names every bad line, with what was typed there', () => {
    const result = readPlatformHosts(
      'shopvid.com\nhttps://shopvid.com/\nshop vid\n*.com\nlocalhost:3000\n*.*.com',
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { kind: 'address', line: 2, value: 'https://shopvid.com/' },
        { kind: 'not-host', line: 3, value: 'shop vid' },
        { kind: 'too-broad', line: 4, value: '*.com' },
        { kind: 'address', line: 5, value: 'localhost:3000' },
        { kind: 'not-host', line: 6, value: '*.*.com' },
      ],
    });
  });

  it('refuses an empty list: the platform must be somewhere', () => {
    expect(readPlatformHosts(' \n\n')).toEqual({ ok: false, problems: [{ kind: 'empty' }] });
  });

  it('refuses more hosts than the settings keep', () => {
    const many = Array.from({ length: PLATFORM_HOSTS_MAX + 1 }, (_, i) => `h${i}.example.com`);
    expect(readPlatformHosts(many.join('\n'))).toEqual({
      ok: false,
      problems: [{ kind: 'too-many', count: PLATFORM_HOSTS_MAX + 1, max: PLATFORM_HOSTS_MAX }],
    });
  });

  it('shortens a very long bad line in its message', () => {
    const result = readPlatformHosts(`bad host ${'x'.repeat(200)}`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [problem] = result.problems;
    expect(problem?.kind).toBe('not-host');
    expect(problem && 'value' in problem ? problem.value.length : 0).toBe(80);
  });

  it('gives what the settings store accepts, and what isPlatformHost matches', () => {
    const read = readPlatformHosts('shop.example.com\n*.example.net');
    if (!read.ok) throw new Error('refused');
    expect(platformHostsSchema.parse(read.hosts)).toEqual(read.hosts);
    expect(isPlatformHost('SHOP.example.com.', read.hosts)).toBe(true);
    expect(isPlatformHost('m.example.net', read.hosts)).toBe(true);
    expect(isPlatformHost('example.net', read.hosts)).toBe(false);
    expect(isPlatformHost('evil-shop.example.com', read.hosts)).toBe(false);
  });

  it('the stored schema refuses a top-level wildcard and an empty list', () => {
    expect(platformHostsSchema.safeParse(['*.com']).success).toBe(false);
    expect(platformHostsSchema.safeParse([]).success).toBe(false);
  });
});
