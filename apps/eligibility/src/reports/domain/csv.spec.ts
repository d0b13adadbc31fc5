import { csvCell, csvRow, displayPhone } from './csv';

describe('csvCell', () => {
  it('leaves plain text and numbers alone; empty for null', () => {
    expect(csvCell('check.result')).toBe('check.result');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "yes"')).toBe('"say ""yes"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+250788123456', "'+250788123456"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
  ])('neutralises a formula start: %p → %p', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('neutralises and then quotes where both apply', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('a negative number is neutralised too (it is text in the log)', () => {
    expect(csvCell(-3)).toBe("'-3");
  });
});

describe('csvRow', () => {
  it('joins cells with commas and ends with CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });
});

describe('displayPhone', () => {
  it('writes Rwandan mobiles as people do', () => {
    expect(displayPhone('+250788123456')).toBe('0788 123 456');
    expect(displayPhone('+250722000111')).toBe('0722 000 111');
  });

  it('leaves other numbers (neutralised later) and empties alone', () => {
    expect(displayPhone('+254712345678')).toBe('+254712345678');
    expect(displayPhone('+25025212345')).toBe('+25025212345');
    expect(displayPhone('')).toBe('');
    expect(displayPhone(null)).toBe('');
  });

  it('a rendered Rwandan phone needs no neutralising', () => {
    expect(csvCell(displayPhone('+250788123456'))).toBe('0788 123 456');
  });
});
