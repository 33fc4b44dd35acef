/**
 * Trains the learned scorer (lib/shared/policy/scorer): one L2-regularised logistic
 * regression per policy, one against the rest (innocent look-alikes and other policies'
 * violations are the negatives), full-batch Adam over hashed features. Deterministic: no
 * sampling, a fixed order, so the same cases give the same weights bit for bit.
 * Features seen in fewer than `minDocs` training texts are left out, and after training only
 * the `keep` strongest features are kept (then the model is trained again on those alone).
 */
import { normalise } from '../../lib/shared/policy/normalise';
import { extractFeatures } from '../../lib/shared/policy/scorer/features';
import { featureScale, sigmoid } from '../../lib/shared/policy/scorer/model';

export interface TrainExample {
  text: string;
  /** The policy the text violates; undefined for an innocent look-alike. */
  policy: string | undefined;
}

export interface TrainOptions {
  policies: readonly string[];
  l2: number;
  iterations: number;
  fineTuneIterations: number;
  learningRate: number;
  minDocs: number;
  keep: number;
  /** Weights smaller than this (in absolute value) are dropped from the file. */
  minWeight: number;
  /**
   * How much an innocent look-alike counts against every policy, relative to a violation:
   * a suggestion that flags an innocent item costs more than a missed one.
   */
  innocentWeight: number;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'policies'> = {
  l2: 1e-6,
  iterations: 150,
  fineTuneIterations: 80,
  learningRate: 0.3,
  minDocs: 2,
  keep: 2800,
  minWeight: 0.35,
  innocentWeight: 3,
};

export interface TrainedModel {
  policies: readonly string[];
  bias: number[];
  /** Feature hash to one weight per policy. */
  weights: Map<number, Float64Array>;
}

interface Matrix {
  rowPtr: Int32Array;
  cols: Int32Array;
  scale: Float64Array;
  hashes: number[];
}

export function featurise(texts: readonly string[]): number[][] {
  return texts.map((text) => extractFeatures(normalise(text)).hashes);
}

function buildMatrix(rows: readonly number[][], minDocs: number): Matrix {
  const df = new Map<number, number>();
  for (const row of rows) for (const h of row) df.set(h, (df.get(h) ?? 0) + 1);
  const column = new Map<number, number>();
  const hashes: number[] = [];
  for (const [h, n] of df)
    if (n >= minDocs) {
      column.set(h, hashes.length);
      hashes.push(h);
    }
  const rowPtr = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  const scale = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    // The scale counts every distinct feature, as inference does, not only the kept ones.
    scale[i] = featureScale(row.length);
    for (const h of row) {
      const c = column.get(h);
      if (c !== undefined) cols.push(c);
    }
    rowPtr[i + 1] = cols.length;
  });
  return { rowPtr, cols: Int32Array.from(cols), scale, hashes };
}

function adam(
  m: Matrix,
  labels: Uint8Array,
  rowWeights: Float64Array,
  P: number,
  W: Float64Array,
  b: Float64Array,
  active: Uint8Array,
  options: TrainOptions,
  iterations: number,
): void {
  const N = m.scale.length;
  const C = m.hashes.length;
  const gW = new Float64Array(C * P);
  const gb = new Float64Array(P);
  const mW = new Float64Array(C * P);
  const vW = new Float64Array(C * P);
  const mb = new Float64Array(P);
  const vb = new Float64Array(P);
  const z = new Float64Array(P);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let t = 1; t <= iterations; t++) {
    gW.fill(0);
    gb.fill(0);
    for (let i = 0; i < N; i++) {
      const s = m.scale[i]!;
      z.set(b);
      for (let k = m.rowPtr[i]!; k < m.rowPtr[i + 1]!; k++) {
        const base = m.cols[k]! * P;
        for (let p = 0; p < P; p++) z[p]! += W[base + p]! * s;
      }
      const r = rowWeights[i]! / N;
      for (let p = 0; p < P; p++) z[p] = (sigmoid(z[p]!) - labels[i * P + p]!) * r;
      for (let p = 0; p < P; p++) gb[p]! += z[p]!;
      for (let k = m.rowPtr[i]!; k < m.rowPtr[i + 1]!; k++) {
        const base = m.cols[k]! * P;
        for (let p = 0; p < P; p++) gW[base + p]! += z[p]! * s;
      }
    }
    const lr = options.learningRate;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let c = 0; c < C; c++) {
      if (!active[c]) continue;
      for (let p = 0; p < P; p++) {
        const j = c * P + p;
        const g = gW[j]! + options.l2 * W[j]!;
        mW[j] = beta1 * mW[j]! + (1 - beta1) * g;
        vW[j] = beta2 * vW[j]! + (1 - beta2) * g * g;
        W[j]! -= (lr * (mW[j]! / c1)) / (Math.sqrt(vW[j]! / c2) + eps);
      }
    }
    for (let p = 0; p < P; p++) {
      const g = gb[p]!;
      mb[p] = beta1 * mb[p]! + (1 - beta1) * g;
      vb[p] = beta2 * vb[p]! + (1 - beta2) * g * g;
      b[p]! -= (lr * (mb[p]! / c1)) / (Math.sqrt(vb[p]! / c2) + eps);
    }
  }
}

/** Trains on featurised rows (featurise()) and their labels. */
export function trainModel(
  rows: readonly number[][],
  examples: readonly TrainExample[],
  options: TrainOptions,
): TrainedModel {
  const P = options.policies.length;
  const m = buildMatrix(rows, options.minDocs);
  const C = m.hashes.length;
  const labels = new Uint8Array(rows.length * P);
  const rowWeights = new Float64Array(rows.length).fill(1);
  examples.forEach((e, i) => {
    if (e.policy === undefined) rowWeights[i] = options.innocentWeight;
    const p = e.policy === undefined ? -1 : options.policies.indexOf(e.policy);
    if (p >= 0) labels[i * P + p] = 1;
  });
  const W = new Float64Array(C * P);
  const b = new Float64Array(P);
  const active = new Uint8Array(C).fill(1);
  adam(m, labels, rowWeights, P, W, b, active, options, options.iterations);

  // Keep the strongest features, then fit again on those alone.
  const strength = new Float64Array(C);
  for (let c = 0; c < C; c++)
    for (let p = 0; p < P; p++) strength[c] = Math.max(strength[c]!, Math.abs(W[c * P + p]!));
  const order = [...strength.keys()].sort((x, y) => strength[y]! - strength[x]! || x - y);
  active.fill(0);
  for (const c of order.slice(0, options.keep)) active[c] = 1;
  for (let c = 0; c < C; c++) if (!active[c]) W.fill(0, c * P, c * P + P);
  adam(m, labels, rowWeights, P, W, b, active, options, options.fineTuneIterations);

  const weights = new Map<number, Float64Array>();
  for (let c = 0; c < C; c++) if (active[c]) weights.set(m.hashes[c]!, W.slice(c * P, c * P + P));
  return { policies: options.policies, bias: [...b], weights };
}

/** Probabilities per policy for featurised rows, from a trained model (before any file). */
export function predict(model: TrainedModel, rows: readonly number[][]): Float64Array[] {
  const P = model.policies.length;
  return rows.map((row) => {
    const s = featureScale(row.length);
    const z = Float64Array.from(model.bias);
    for (const h of row) {
      const w = model.weights.get(h);
      if (w) for (let p = 0; p < P; p++) z[p]! += w[p]! * s;
    }
    return z.map(sigmoid);
  });
}
