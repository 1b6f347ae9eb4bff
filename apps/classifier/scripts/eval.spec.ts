import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

describe('classifier:eval on data with a label the mapping has never seen', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'otklik-eval-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores the mapped appeals and reports the unseen reason instead of aborting', async () => {
    const appeal = (id: number, reason: string, text: string) => JSON.stringify({ id, text, category: 'Благоустройство', reason, submitted_at: '2021-02-20T10:00:00', district: 'Невский' });
    const file = path.join(dir, 'spb.jsonl');
    writeFileSync(
      file,
      [
        appeal(1, 'Неубранный снег', 'Во дворе не убран снег, не пройти к подъезду'),
        appeal(2, 'Причина, которой нет в таблице', 'Во дворе сломана новая конструкция'),
        appeal(3, 'Неубранный снег', 'Тротуар завален снегом, никто не чистит'),
      ].join('\n'),
    );
    const { stdout } = await run(process.execPath, ['-r', '@swc-node/register', 'apps/classifier/scripts/eval.ts', '--data', file, '--part', 'all'], { cwd: ROOT });
    expect(stdout).toContain('texts: 2 of 2 (all)');
    expect(stdout).toContain(
      'unmapped labels: 1 text(s) left out, 1 label(s) without an Otklik topic ' +
        '(map them in libs/reference/src/source-labels/mappings/spb.mapping.json): spb "Благоустройство / Причина, которой нет в таблице" ×1',
    );
    expect(stdout).toMatch(/category: accuracy \d/);
  }, 120_000);
});
