/**
 * The active policy pack, compiled once per service-worker life and kept in memory. A pack
 * that fails validation, its examples or its signature never replaces the active one.
 */
import {
  activatePack,
  type CompiledPack,
  emptySlot,
  loadPack,
  type PackSlot,
  STARTER_PACK_JSON,
} from '@/lib/policy';

let slot: PackSlot = emptySlot;
let loading: Promise<CompiledPack> | undefined;

export function activePack(): Promise<CompiledPack> {
  loading ??= (async () => {
    const result = await loadPack(STARTER_PACK_JSON, { allowUnsigned: true });
    slot = activatePack(slot, result);
    if (!slot.active) {
      loading = undefined;
      throw new Error(
        `The bundled policy pack failed to load: ${JSON.stringify(slot.errors.slice(0, 3))}`,
      );
    }
    return slot.active;
  })();
  return loading;
}
