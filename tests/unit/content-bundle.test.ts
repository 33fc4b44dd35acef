import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';

// The content script runs in every tab the reviewer opens, so what it bundles is a rule,
// not a preference: no Zod (the background validates every message both ways), no policy
// engine (it runs in the background), no database or sync code. Its size is a rule too: the
// browser compiles the whole bundle in the page's task that loads it, with no code cache
// for content scripts, and that task is Flagpost's longest on a page (issue 20, "no task
// over 8 ms"; BENCHMARKS.md, "content script's load"). The ceiling is bytes, not time: a
// test cannot time the browser's compile reliably, and bytes are what it costs.
const build = () =>
  esbuild.build({
    entryPoints: ['entrypoints/content/index.tsx'],
    bundle: true,
    write: false,
    format: 'esm',
    metafile: true,
    minify: true,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '@': '.' },
    logLevel: 'silent',
  });

/** Minified bytes (esbuild, ESM, no WXT wrapper): 115,691 when set; room for a little growth. */
const CEILING_BYTES = 122_000;

describe('the content script bundle', () => {
  it('leaves out Zod, Dexie, the policy engine, the store, sync and the message schemas', async () => {
    const result = await build();
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('entrypoints/content/page-view.ts'))).toBe(true);
    const forbidden = inputs.filter((path) =>
      /node_modules\/(zod|dexie)\/|(^|\/)lib\/background\/|(^|\/)lib\/shared\/(policy|risk|exchange)\/|lib\/shared\/zod-setup\.ts|lib\/shared\/protocol\/records\.ts|lib\/messaging\/(message-map|message-spec)\.ts/.test(
        path,
      ),
    );
    expect(forbidden).toEqual([]);
  });

  it(`stays under ${CEILING_BYTES} bytes minified`, async () => {
    const result = await build();
    const bytes = result.outputFiles?.[0]?.contents.length ?? 0;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(CEILING_BYTES);
  });
});
