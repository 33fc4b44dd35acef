/**
 * Item URLs as ids and links: shops put campaign and click tracking in the URLs of their
 * structured data ("?utm_source=feed&gclid=..."), which differ per visit and per ad, so the
 * same product would be filed under a new id on every visit. Those parameters are dropped;
 * the ones that choose what is shown (a variant, a colour) are kept.
 */
import { httpUrl } from './dom-text';

/** Exact names of tracking parameters (compared in lower case). */
const TRACKING = new Set([
  'gclid',
  'gbraid',
  'wbraid',
  'dclid',
  'gclsrc',
  'fbclid',
  'msclkid',
  'yclid',
  'ttclid',
  'twclid',
  'igshid',
  'srsltid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'spm',
  'scm',
  'trk',
  'trkid',
  'ref',
  'ref_',
  'ref_src',
  'referrer',
  'source',
  'campaign',
  'affiliate',
  'aff_id',
  'clickid',
  'click_id',
]);
/** Families of tracking parameters by prefix: utm_source, pk_campaign, mtm_kwd, hsa_ad... */
const TRACKING_PREFIX = /^(utm_|pk_|mtm_|hsa_|matomo_|piwik_|ga_|fb_|oly_|vero_)/;

const isTracking = (name: string) => {
  const lower = name.toLowerCase();
  return TRACKING.has(lower) || TRACKING_PREFIX.test(lower);
};

/** The URL without its tracking parameters (and without an empty "?"). */
export function withoutTracking(url: URL): URL {
  if (!url.search) return url;
  const clean = new URL(url.href);
  for (const name of [...clean.searchParams.keys()])
    if (isTracking(name)) clean.searchParams.delete(name);
  if ([...clean.searchParams.keys()].length === 0) clean.search = '';
  return clean;
}

/** A page value as an absolute http(s) URL without tracking, or undefined. */
export function cleanHttpUrl(value: string | undefined, base: URL | string): string | undefined {
  const url = httpUrl(value, base);
  return url && withoutTracking(url).href;
}
