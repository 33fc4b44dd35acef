/**
 * Pack tool for policy authors:
 *   npm run pack -- check FILE [--trust PUBKEY_FILE_OR_BASE64]... [--require-signature]
 *   npm run pack -- sign FILE --key KEY [--out OUT]   (KEY: Ed25519 private key, PKCS#8 PEM or JWK)
 *   npm run pack -- keygen OUT                        (writes OUT (PKCS#8 PEM) and OUT.pub (base64))
 * `check` validates, verifies, compiles and runs every rule's and every context's examples,
 * prints the contexts (terms per language, use) and a per-policy report with each rule's
 * context clauses, and exits non-zero on any error.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadPack, type PackError, type PackReport, signPack } from '../lib/shared/policy/index';

function usage(): never {
  console.error(
    [
      'usage:',
      '  npm run pack -- check FILE [--trust KEY]... [--require-signature]',
      '  npm run pack -- sign FILE --key KEY [--out OUT]',
      '  npm run pack -- keygen OUT',
    ].join('\n'),
  );
  process.exit(2);
}

function option(args: string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < args.length; i++)
    if (args[i] === name && args[i + 1]) values.push(args[i + 1]!);
  return values;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${file}: not valid JSON: ${(error as Error).message}`);
    process.exit(1);
  }
}

function printErrors(file: string, errors: PackError[]): void {
  console.error(`${file}: REJECTED (${errors.length} error${errors.length === 1 ? '' : 's'})`);
  for (const e of errors) {
    const where = [e.policyId && `policy ${e.policyId}`, e.ruleId && `rule ${e.ruleId}`]
      .filter(Boolean)
      .join(', ');
    console.error(`  ${e.path || '(pack)'}: ${e.message}${where ? ` [${where}]` : ''}`);
    if (e.example) console.error(`    example: ${JSON.stringify(e.example)}`);
  }
}

const LANGUAGES = ['en', 'th', 'vi', 'id', 'ms', 'fil'];

/** Each declared context: terms per language, examples, use; warns about gaps. */
function printContexts(contexts: NonNullable<PackReport['contexts']>): void {
  if (contexts.length === 0) return;
  console.log(`  ${contexts.length} contexts:`);
  for (const c of contexts) {
    const terms = Object.entries(c.termsByLanguage)
      .map(([language, n]) => `${language} ${n}`)
      .join(', ');
    const patterns = c.patterns > 0 ? `, ${c.patterns} patterns` : '';
    console.log(
      `    ${c.id}: terms ${terms || 'none'}${patterns}; used by ${c.usedBy} clause(s); ${c.mustMatch} must-match, ${c.mustNotMatch} must-not-match examples pass`,
    );
    const missing = LANGUAGES.filter((l) => !c.termsByLanguage[l]);
    if (missing.length > 0 && c.patterns === 0) {
      console.log(`      warning: no terms in ${missing.join(', ')}`);
    }
    if (c.usedBy === 0) console.log('      warning: no rule uses this context');
  }
}

async function check(file: string, args: string[]): Promise<void> {
  const trustedKeys = option(args, '--trust').map((k) =>
    existsSync(k) ? readFileSync(k, 'utf8').trim() : k.trim(),
  );
  const started = performance.now();
  const result = await loadPack(readJson(file), {
    trustedKeys,
    allowUnsigned: !args.includes('--require-signature'),
  });
  const ms = performance.now() - started;
  if (!result.ok) {
    printErrors(file, result.errors);
    process.exit(1);
  }
  const { report } = result;
  console.log(
    `${file}: OK  pack ${report.packId} ${report.version}${report.signed ? ' (signed, verified)' : ' (unsigned)'}`,
  );
  console.log(
    `  ${report.policies.length} policies, ${report.termCount} terms, loaded in ${ms.toFixed(0)} ms`,
  );
  const warnings = report.warnings ?? [];
  if (warnings.length > 0) console.log(`  ${warnings.length} warning(s):`);
  for (const w of warnings) console.log(`    warning: ${w.path}: ${w.message}`);
  printContexts(report.contexts ?? []);
  for (const p of report.policies) {
    const markets = p.markets.length > 0 ? p.markets.join(',') : 'all markets';
    const emergency = p.emergency
      ? ` [emergency${p.escalationCategory ? `: ${p.escalationCategory}` : ''}]`
      : '';
    console.log(`  ${p.id} [${p.severity}]${emergency} ${markets}: ${p.title}`);
    for (const clause of p.unless ?? []) console.log(`    every rule: ${clause}`);
    for (const r of p.rules) {
      console.log(
        `    ${r.id} (${r.kind})${r.markets ? ` [${r.markets.join(',')}]` : ''}: ${r.mustMatch} must-match, ${r.mustNotMatch} must-not-match examples pass`,
      );
      for (const clause of r.context ?? []) console.log(`      ${clause}`);
    }
  }
}

async function importPrivateKey(
  file: string,
): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  const text = readFileSync(file, 'utf8').trim();
  const keyObject = text.startsWith('{')
    ? createPrivateKey({ key: JSON.parse(text), format: 'jwk' })
    : createPrivateKey(text);
  if (keyObject.asymmetricKeyType !== 'ed25519')
    throw new Error(`${file}: not an Ed25519 private key`);
  const pkcs8 = keyObject.export({ format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(keyObject).export({ format: 'der', type: 'spki' });
  const subtle = webcrypto.subtle;
  return {
    privateKey: (await subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, false, [
      'sign',
    ])) as CryptoKey,
    publicKey: (await subtle.importKey('spki', spki, { name: 'Ed25519' }, true, [
      'verify',
    ])) as CryptoKey,
  };
}

async function sign(file: string, args: string[]): Promise<void> {
  const [keyFile] = option(args, '--key');
  if (!keyFile) usage();
  const out = option(args, '--out')[0] ?? file.replace(/(\.json)?$/, '.signed.json');
  const json = readJson(file);
  const unsigned = await loadPack(json, { allowUnsigned: true });
  if (!unsigned.ok) {
    printErrors(file, unsigned.errors);
    console.error('refusing to sign a pack that does not check');
    process.exit(1);
  }
  const { privateKey, publicKey } = await importPrivateKey(keyFile);
  const signed = await signPack(json as Record<string, unknown>, privateKey, publicKey);
  writeFileSync(out, `${JSON.stringify(signed, null, 2)}\n`);
  const keyId = (signed.signature as { keyId: string }).keyId;
  console.log(`signed ${file} -> ${out} (key ${keyId})`);
}

function keygen(out: string): void {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
  const raw = Buffer.from(jwk.x, 'base64url').toString('base64');
  writeFileSync(out, pem, { mode: 0o600 });
  writeFileSync(`${out}.pub`, `${raw}\n`);
  console.log(`private key: ${out} (keep it secret)\npublic key:  ${out}.pub = ${raw}`);
  console.log('Give the public key to the extension as a trusted key.');
}

const [command, file, ...rest] = process.argv.slice(2);
if (!command || !file) usage();
if (command === 'check') await check(file, rest);
else if (command === 'sign') await sign(file, rest);
else if (command === 'keygen') keygen(file);
else usage();
