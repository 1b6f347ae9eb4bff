import { gunzipSync, gzipSync } from 'node:zlib';
import type { FeatureConfig } from '../features/feature-extractor';
import { LinearModel, type LinearModelParts, type QuantisedHead } from './linear-model';

const FORMAT = 'otklik-classifier-model/1';

interface EncodedHead {
  name: string;
  labels: string[];
  temperature: number;
  bias: number[];
  /** Per-row dequantisation scale, Float32 little-endian, base64. */
  rowScales: string;
  /** rows × labels Int8 weights, base64. */
  weights: string;
}

interface EncodedModel {
  format: string;
  version: string;
  taxonomyVersion: string;
  features: FeatureConfig;
  /** Ascending bucket ids, delta-coded as Int32 little-endian, base64. */
  buckets: string;
  heads: EncodedHead[];
  categoryWeights?: Record<string, number>;
  /** Free-form facts about the training run (data, split, figures) for humans and `eval`. */
  training: Record<string, unknown>;
}

/** A model plus the record of how it was trained. */
export interface ModelArtifact {
  readonly model: LinearModel;
  readonly training: Record<string, unknown>;
}

function toBase64(array: Int8Array | Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function fromBase64<T extends Int8Array | Int32Array | Float32Array>(text: string, make: (b: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, 'base64');
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return make(copy);
}

function encodeHead(head: QuantisedHead): EncodedHead {
  return { name: head.name, labels: [...head.labels], temperature: head.temperature, bias: Array.from(head.bias), rowScales: toBase64(head.rowScales), weights: toBase64(head.weights) };
}

function decodeHead(encoded: EncodedHead, rows: number): QuantisedHead {
  const width = encoded.labels.length;
  const rowScales = fromBase64(encoded.rowScales, (b) => new Float32Array(b));
  const weights = fromBase64(encoded.weights, (b) => new Int8Array(b));
  if (rowScales.length !== rows || weights.length !== rows * width) throw new Error(`model head "${encoded.name}" has ${weights.length} weights, expected ${rows * width}`);
  return { name: encoded.name, labels: encoded.labels, temperature: encoded.temperature, bias: Float32Array.from(encoded.bias), weights, rowScales };
}

/** The gzip-compressed JSON artifact for a model. */
export function encodeArtifact(parts: LinearModelParts, training: Record<string, unknown>): Buffer {
  const deltas = new Int32Array(parts.buckets.length);
  parts.buckets.forEach((bucket, i) => (deltas[i] = i === 0 ? bucket : bucket - parts.buckets[i - 1]));
  const encoded: EncodedModel = {
    format: FORMAT,
    version: parts.version,
    taxonomyVersion: parts.taxonomyVersion,
    features: parts.features,
    buckets: toBase64(deltas),
    heads: parts.heads.map(encodeHead),
    ...(parts.categoryWeights ? { categoryWeights: { ...parts.categoryWeights } } : {}),
    training,
  };
  return gzipSync(JSON.stringify(encoded), { level: 9 });
}

/** Rebuilds a model from `encodeArtifact` output; throws naming what is wrong with a bad file. */
export function decodeArtifact(bytes: Buffer): ModelArtifact {
  const encoded = JSON.parse(gunzipSync(bytes).toString('utf8')) as EncodedModel;
  if (encoded.format !== FORMAT) throw new Error(`model artifact format is "${encoded.format}", expected "${FORMAT}"`);
  const buckets = fromBase64(encoded.buckets, (b) => new Int32Array(b));
  for (let i = 1; i < buckets.length; i++) buckets[i] += buckets[i - 1];
  const heads = encoded.heads.map((head) => decodeHead(head, buckets.length));
  for (const [category, weight] of Object.entries(encoded.categoryWeights ?? {})) {
    if (!(typeof weight === 'number' && weight > 0)) throw new Error(`model artifact's category weight for "${category}" is ${JSON.stringify(weight)}, expected a positive number`);
  }
  const model = new LinearModel({ version: encoded.version, taxonomyVersion: encoded.taxonomyVersion, features: encoded.features, buckets, heads, categoryWeights: encoded.categoryWeights });
  return { model, training: encoded.training };
}
