/**
 * PGlite is one process's database: two processes opening the same directory would corrupt
 * it. A lock file beside the directory makes the second one (say, `token issue` while the
 * server runs) stop with a clear message instead.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dataDir`; returns its release. */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${resolve(dataDir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockPath, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `The embedded database ${dataDir} is in use by process ${holder} (lock ${lockPath}). Stop that process first: the embedded database allows one process at a time.`,
        );
      }
      rmSync(lockPath, { force: true }); // Left behind by a process that died.
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
