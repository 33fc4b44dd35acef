/**
 * The evidence quota: snapshots are refused (never old ones deleted, never flags) once the
 * stored images would exceed what the reviewer allowed in the settings.
 */
export const MB = 1024 * 1024;

export type QuotaCheck = { ok: true } | { ok: false; usedBytes: number; quotaBytes: number };

export function checkQuota(usedBytes: number, newBytes: number, quotaMb: number): QuotaCheck {
  const quotaBytes = Math.max(0, quotaMb) * MB;
  if (usedBytes + newBytes <= quotaBytes) return { ok: true };
  return { ok: false, usedBytes, quotaBytes };
}

/** "12.3 MB" — one decimal, for messages and the settings page. */
export const formatMb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
