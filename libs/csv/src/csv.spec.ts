import { parseCsv, parseCsvObjects } from './csv';

describe('parseCsvObjects', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const rows = parseCsvObjects('id,text\n1,"Яма, ""большая""\nна дороге"\r\n2,просто\n');
    expect(rows).toEqual([
      { id: '1', text: 'Яма, "большая"\nна дороге' },
      { id: '2', text: 'просто' },
    ]);
  });

  it('drops a byte-order mark before the header', () => {
    expect(parseCsvObjects('\uFEFFid,name\n7,Курск')).toEqual([{ id: '7', name: 'Курск' }]);
  });
});

describe('parseCsv', () => {
  it('keeps a last line without a line break and skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});
