// Adds up the jest JSON results of every project into one closing line. Above it, each failed
// suite with the first lines of its first failure: the end of a long run's log says why it failed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FAILURE_LINES = 25;
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
    if (suite.status === 'failed') failedSuites.push(suite);
  }
}

/** The suite's own message (a failed beforeAll, a compile error) or its first failed test's. */
function firstFailure(suite) {
  const test = suite.assertionResults?.find((t) => t.status === 'failed');
  const text = test ? `${test.fullName}\n${test.failureMessages.join('\n')}` : suite.message;
  // Jest colours its messages; a CI log shows the escapes as text.
  return (text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .slice(0, FAILURE_LINES)
    .join('\n');
}

for (const suite of failedSuites) {
  console.log(`failed suite: ${suite.name}`);
  console.log(firstFailure(suite).replace(/^/gm, '  '));
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
