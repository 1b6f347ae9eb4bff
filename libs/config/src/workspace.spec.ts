import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findWorkspaceRoot, sharedDataDir } from './workspace';

describe('workspace', () => {
  it('finds the folder holding nx.json above a library', () => {
    const root = findWorkspaceRoot(__dirname);
    expect(root).toBe(resolve(__dirname, '../../..'));
    expect(existsSync(join(root ?? '', 'nx.json'))).toBe(true);
  });

  it('finds no workspace above the file-system root', () => {
    expect(findWorkspaceRoot('/')).toBeUndefined();
  });

  it('takes the shared data from OTKLIK_DATA_DIR, else beside the workspace', () => {
    const saved = process.env['OTKLIK_DATA_DIR'];
    try {
      process.env['OTKLIK_DATA_DIR'] = '/srv/otklik-data';
      expect(sharedDataDir()).toBe('/srv/otklik-data');
      delete process.env['OTKLIK_DATA_DIR'];
      expect(sharedDataDir()).toBe(resolve(__dirname, '../../../../shared/data'));
    } finally {
      if (saved === undefined) delete process.env['OTKLIK_DATA_DIR'];
      else process.env['OTKLIK_DATA_DIR'] = saved;
    }
  });
});
