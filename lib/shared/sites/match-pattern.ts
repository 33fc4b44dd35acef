/**
 * URL match patterns as browser extensions write them: `https://console.example.com/review/*`,
 * `*://*.example.com/*`, `<all_urls>`. A pattern without a port matches any port, so the
 * same pattern works on a local copy of a site.
 */

export type UrlTest = (url: URL) => boolean;

const PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(?::(\d{1,5}|\*))?(\/.*)$/;

const glob = (text: string) =>
  new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** A test for the pattern, or the reason it is not a valid pattern. */
export function compileMatchPattern(pattern: string): { test: UrlTest } | { error: string } {
  if (pattern === '<all_urls>') return { test: (url) => /^https?:$/.test(url.protocol) };
  const parts = PATTERN.exec(pattern);
  if (!parts) {
    return { error: 'expected <scheme>://<host>/<path> with scheme http, https or *' };
  }
  const [, scheme = '', host = '', port, path = '/'] = parts;
  const hostTest =
    host === '*'
      ? () => true
      : host.startsWith('*.')
        ? (name: string) => name === host.slice(2) || name.endsWith(host.slice(1))
        : (name: string) => name === host.toLowerCase();
  const pathTest = glob(path);
  return {
    test: (url) => {
      const protocol = url.protocol.slice(0, -1);
      if (scheme === '*' ? !/^https?$/.test(protocol) : protocol !== scheme) return false;
      if (!hostTest(url.hostname.toLowerCase())) return false;
      if (port && port !== '*' && url.port !== port) return false;
      return pathTest.test(`${url.pathname}${url.search}`);
    },
  };
}
