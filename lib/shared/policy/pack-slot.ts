/**
 * The active pack and what happened to the last candidate. A candidate that failed to load
 * never replaces the active pack; neither does an older version of the same pack (a replayed
 * old signed pack must not roll policies back).
 */
import type { LoadPackResult } from './load-pack';
import type { CompiledPack, PackError, PackReport } from './types';

export interface PackSlot {
  active: CompiledPack | undefined;
  report: PackReport | undefined;
  /** Errors of the last rejected candidate; empty after a successful activation. */
  errors: PackError[];
}

export const emptySlot: PackSlot = { active: undefined, report: undefined, errors: [] };

/** Compares "1.4.0"-style versions numerically (pre-release suffixes ignored). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[-+]/)[0]!.split('.').map(Number);
  const pb = b.split(/[-+]/)[0]!.split('.').map(Number);
  for (let k = 0; k < 3; k++) {
    const d = (pa[k] ?? 0) - (pb[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function activatePack(
  current: PackSlot,
  candidate: LoadPackResult,
  options: { allowDowngrade?: boolean } = {},
): PackSlot {
  if (!candidate.ok) return { ...current, errors: candidate.errors };
  const active = current.active;
  if (
    active &&
    !options.allowDowngrade &&
    active.id === candidate.pack.id &&
    compareVersions(candidate.pack.version, active.version) < 0
  ) {
    return {
      ...current,
      errors: [
        {
          path: 'version',
          message: `version ${candidate.pack.version} is older than the active ${active.version}`,
        },
      ],
    };
  }
  return { active: candidate.pack, report: candidate.report, errors: [] };
}
