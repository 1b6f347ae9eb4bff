import { Worker } from 'node:worker_threads';
import path from 'node:path';
const mk = () => new Worker(path.resolve('apps/classifier/src/classifying/decision.worker.ts'), { workerData: { modelPath: path.resolve('apps/classifier/model/classifier-model.json.gz') }, execArgv: ['-r', '@swc-node/register'] });
void (async () => {
  const a = mk(); await new Promise((r) => setTimeout(r, 3000)); await a.terminate(); console.log('a done');
  const b = mk(), c = mk(); await new Promise((r) => setTimeout(r, 3000)); await Promise.all([b.terminate(), c.terminate()]); console.log('bc done');
})();
