import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeArtifact, type ModelArtifact } from './model-artifact';

/** The committed artifact: apps/classifier/model/, found from the sources or from the built output. */
export function defaultModelPath(): string {
  if (process.env.CLASSIFIER_MODEL_PATH) return process.env.CLASSIFIER_MODEL_PATH;
  const fromSource = path.resolve(__dirname, '../../model/classifier-model.json.gz');
  return fromSource.includes(`${path.sep}dist${path.sep}`) ? path.resolve(__dirname, '../../../../../apps/classifier/model/classifier-model.json.gz') : fromSource;
}

/** Reads and decodes a model artifact; the error names the file. */
export function loadModel(file: string = defaultModelPath()): ModelArtifact {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read classifier model ${file}: ${(error as Error).message}`);
  }
  try {
    return decodeArtifact(bytes);
  } catch (error) {
    throw new Error(`classifier model ${file} is not a valid artifact: ${(error as Error).message}`);
  }
}
