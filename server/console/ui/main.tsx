/** The console's entry: esbuild bundles this (server/console/assets.ts). */
import './console.css';
import { start } from './app';

start().catch((error: unknown) => {
  const root = document.getElementById('app');
  if (root) root.textContent = `Flagpost console failed to start: ${String(error)}`;
});
