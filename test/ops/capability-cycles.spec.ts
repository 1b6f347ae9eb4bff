import { cyclesOf, importsOf, type ImportSite } from './capability-cycles';

const site = (from: string, to: string, typeOnly = false): ImportSite => ({ from, to, file: `apps/x/src/${from}/a.ts`, line: 1, typeOnly });

describe('capability cycles', () => {
  it('finds a cycle of folders with the imports that make it', () => {
    const cycles = cyclesOf([site('a', 'b'), site('b', 'c'), site('c', 'a', true), site('c', 'd')]);
    expect(cycles.map((c) => c.folders)).toEqual([['a', 'b', 'c']]);
    expect(cycles[0].imports).toHaveLength(3);
  });

  it('finds none in a graph without cycles', () => {
    expect(cyclesOf([site('a', 'b'), site('b', 'c'), site('a', 'c')])).toEqual([]);
  });

  it('puts a folder that imports the composition root in a cycle with it', () => {
    expect(cyclesOf([site('a', 'b'), site('b', '(src)')]).map((c) => c.folders)).toEqual([['(src)', 'a', 'b']]);
  });

  it('tells type-only imports from imports of values', () => {
    const text = [
      "import type { A } from '../a/a';",
      "import { type B } from '../b/b';",
      "import { C, type D } from '../c/c';",
      "export type { E } from '../e/e';",
      "const f = require('../f/f');",
      "type G = import('../g/g').G;",
    ].join('\n');
    expect(importsOf('x.ts', text)).toEqual([
      { specifier: '../a/a', line: 1, typeOnly: true },
      { specifier: '../b/b', line: 2, typeOnly: true },
      { specifier: '../c/c', line: 3, typeOnly: false },
      { specifier: '../e/e', line: 4, typeOnly: true },
      { specifier: '../f/f', line: 5, typeOnly: false },
      { specifier: '../g/g', line: 6, typeOnly: true },
    ]);
  });
});
