/** The starter pack bundled with the extension, as JSON for loadPack. */
import starterPack from './packs/starter-pack.json';

export const STARTER_PACK_JSON: unknown = starterPack;
