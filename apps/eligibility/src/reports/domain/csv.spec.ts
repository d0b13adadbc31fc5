import { csvCell, csvRow, displayMaskedPhone, displayPhone, phoneCell } from './csv';

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

describe('displayMaskedPhone', () => {
  it('keeps only the last 3 digits of a Rwandan mobile, in the layout of displayPhone', () => {
    expect(displayMaskedPhone('+250788123456')).toBe('07** *** 456');
    expect(displayMaskedPhone('+250722000111')).toBe('07** *** 111');
    expect(csvCell(displayMaskedPhone('+250788123456'))).toBe('07** *** 456');
  });

  it('masks any other number as the logs do (maskPhone), then csvCell neutralises its +', () => {
    expect(displayMaskedPhone('+254712345678')).toBe('+254******678');
    expect(displayMaskedPhone('+25025212345')).toBe('+250*****345');
    expect(csvCell(displayMaskedPhone('+254712345678'))).toBe("'+254******678");
    expect(displayMaskedPhone('12345')).toBe('*****');
    expect(displayMaskedPhone(null)).toBe('');
  });

  it('never keeps more than the last 3 digits', () => {
    for (const phone of ['+250788123456', '+254712345678', '+50937007294', '+25025212345']) {
      // A fixed prefix ('07', or '+' and the country code as the logs keep it), stars, then the last 3.
      expect(displayMaskedPhone(phone)).toMatch(new RegExp(`^(07\\*\\* \\*\\*\\* |\\+\\d{3}\\*+)${phone.slice(-3)}$`));
    }
  });
});

describe('phoneCell', () => {
  it('is masked unless full is asked', () => {
    expect(phoneCell('+250788123456', 'masked')).toBe('07** *** 456');
    expect(phoneCell('+250788123456', 'full')).toBe('0788 123 456');
  });
});
