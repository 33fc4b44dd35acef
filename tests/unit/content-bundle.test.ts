import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

// The content script runs in every tab the reviewer opens, so what it bundles is a rule,
// not a preference: no Zod (the background validates every message both ways), no policy
// engine (it runs in the background), no database or sync code.
describe('the content script bundle', () => {
  it('leaves out Zod, the policy engine, the store and sync', async () => {
    const result = await esbuild.build({
      entryPoints: ['entrypoints/content/index.tsx'],
      bundle: true,
      write: false,
      format: 'esm',
      metafile: true,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      alias: { '@': '.' },
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('entrypoints/content/page-view.ts'))).toBe(true);
    const forbidden = inputs.filter((path) =>
      /node_modules\/zod\/|(^|\/)lib\/(policy|store|sync|risk-sync)\/|lib\/protocol\/records\.ts|lib\/messaging\/message-map\.ts/.test(
        path,
      ),
    );
    expect(forbidden).toEqual([]);
  });
});
