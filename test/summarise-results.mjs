// Adds up the jest JSON results of every project into one closing line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const failedSuites = [];
for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
  const result = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  for (const suite of result.testResults) {
    if (suite.status === 'failed') failedSuites.push(suite.name);
  }
}
for (const suite of failedSuites) console.log(`failed suite: ${suite}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
