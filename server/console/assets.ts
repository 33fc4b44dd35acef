/**
 * The console's page and assets: the Preact UI in `server/console/ui/` bundled by esbuild
 * once per process (on the first request, or at start with `warmConsoleAssets()`), kept in
 * memory, and the extension's own catalogues (public/_locales) turned into templates. Served
 * under a strict Content-Security-Policy: scripts and styles from this origin only, no
 * inline code, no framing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { templatesFromCatalogue } from '@/lib/i18n/templates';
import { UI_LANGUAGES, type UiLanguage } from '@/lib/shared/settings/languages';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./ui/main.tsx', import.meta.url));

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every console response. */
export const CONSOLE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface ConsoleAssets {
  js: Buffer;
  css: Buffer;
}

let built: Promise<ConsoleAssets> | undefined;

async function build(): Promise<ConsoleAssets> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    outdir: 'console-out',
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: `${ROOT}tsconfig.base.json`,
    absWorkingDir: ROOT,
    loader: { '.css': 'css' },
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'));
  if (!js) throw new Error('the console bundle has no JavaScript output');
  return { js: Buffer.from(js.contents), css: Buffer.from(css?.contents ?? new Uint8Array()) };
}

/** The bundle, built once per process; a failed build is retried on the next request. */
export function consoleAssets(): Promise<ConsoleAssets> {
  built ??= build().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

/** Starts the build now, so the first visit does not wait for it. */
export function warmConsoleAssets(): void {
  consoleAssets().catch(() => undefined);
}

/** The page: no data in it, ever; the UI asks the API, which checks the session. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flagpost console</title>
<link rel="icon" href="/console/assets/icon.png">
<link rel="stylesheet" href="/console/assets/app.css">
<script type="module" src="/console/assets/app.js"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;

const catalogueSchema = z.record(
  z.string(),
  z.object({
    message: z.string(),
    placeholders: z.record(z.string(), z.object({ content: z.string() })).optional(),
  }),
);

let icon: Buffer | undefined;
/** The extension's own icon, for the browser tab. */
export function consoleIcon(): Buffer {
  icon ??= readFileSync(`${ROOT}public/icon/32.png`);
  return icon;
}

const messages = new Map<UiLanguage, Buffer>();

export const isUiLanguage = (value: string): value is UiLanguage =>
  (UI_LANGUAGES as readonly string[]).includes(value);

/** A shipped language's catalogue as templates (lib/i18n/templates.ts), as JSON. */
export function consoleMessages(language: UiLanguage): Buffer {
  let json = messages.get(language);
  if (!json) {
    const catalogue = catalogueSchema.parse(
      JSON.parse(readFileSync(`${ROOT}public/_locales/${language}/messages.json`, 'utf8')),
    );
    json = Buffer.from(JSON.stringify(templatesFromCatalogue(catalogue)));
    messages.set(language, json);
  }
  return json;
}
