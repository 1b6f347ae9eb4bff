import { toPlainText } from './plain-text';

describe('toPlainText', () => {
  it('strips HTML markup and decodes entities', () => {
    expect(toPlainText('<p>Добрый&nbsp;день! Яма &laquo;у дома&raquo;</p>')).toBe('Добрый день! Яма «у дома»');
  });

  it('makes each tag a space, so words in adjacent elements stay apart', () => {
    expect(toPlainText('<td>Ёлка</td><td>упала</td>')).toBe('Ёлка упала');
  });

  it('drops privacy masks', () => {
    expect(toPlainText('Звонил [name] по [phone], ответа нет')).toBe('Звонил по , ответа нет');
  });
});
