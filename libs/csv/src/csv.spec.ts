import { formatCsv, parseCsv, parseCsvObjects } from './csv';

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
    expect(parseCsv('a,b\n\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('formatCsv', () => {
  it('quotes what needs quoting, leaves nulls empty, and reads back as written', () => {
    const text = formatCsv(
      ['agency', 'note', 'share'],
      [
        ['ЖА «Невский», участок 2', 'сказал "нет"\nдважды', 0.5],
        ['gzhi', null, undefined],
      ],
    );
    expect(text).toBe('agency,note,share\r\n"ЖА «Невский», участок 2","сказал ""нет""\nдважды",0.5\r\ngzhi,,\r\n');
    expect(parseCsv(text)).toEqual([
      ['agency', 'note', 'share'],
      ['ЖА «Невский», участок 2', 'сказал "нет"\nдважды', '0.5'],
      ['gzhi', '', ''],
    ]);
  });
});
