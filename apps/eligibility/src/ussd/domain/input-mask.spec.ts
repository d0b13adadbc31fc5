import { maskDigitRuns, maskInput, maskInputs } from './input-mask';

describe('what the request log keeps of an input', () => {
  it('never keeps a PIN', () => {
    expect(maskInput('agent.pin', '4821')).toBe('****');
    expect(maskInput('agent.pin', '')).toBe('****');
  });

  it('keeps only the last 4 characters of a national ID, household ID or voucher', () => {
    expect(maskInput('check.enter_id', '1198780012345012')).toBe('************5012');
    expect(maskInput('sale.enter_id', '1 1987 8 0012345 0 12')).toBe('************5012');
    expect(maskInput('confirm.household', 'HH-00042')).toBe('****0042');
  });

  it('keeps menu choices as typed, masks a long digit run typed elsewhere, and cuts to 64', () => {
    expect(maskInput('home', '1')).toBe('1');
    expect(maskInput('confirm.reference', '12345678')).toBe('12345678');
    expect(maskInput('home', '1198780012345012')).toBe('************5012');
    expect(maskInput('home', 'x'.repeat(100))).toHaveLength(64);
  });

  it('masks wholly an input too short to be an ID on an ID screen (a PIN typed again there)', () => {
    expect(maskInput('sale.enter_id', '1234')).toBe('****');
    expect(maskInput('check.enter_id', '12 34 5')).toBe('*****');
    expect(maskInput('confirm.household', '123456')).toBe('******');
    expect(maskInput('sale.enter_id', '1')).toBe('****');
    expect(maskInput('sale.enter_id', '')).toBe('****');
    expect(maskInput('check.enter_id', '12345678')).toBe('****5678');
  });

  it('keeps on the reference screen only an 8-digit reference', () => {
    expect(maskInput('confirm.reference', '1234')).toBe('****');
    expect(maskInput('confirm.reference', '123456')).toBe('******');
    expect(maskInput('confirm.reference', '1234567')).toBe('*******');
    expect(maskInput('confirm.reference', '123456789')).toBe('*********');
    expect(maskInput('confirm.reference', '1234 5678')).toBe('********');
    expect(maskInput('confirm.reference', '7')).toBe('****');
    expect(maskInput('confirm.reference', '１２３４５６７８')).toBe('12345678');
  });

  it('masks wholly a run of 4 to 9 digits on any other screen (a PIN typed on a menu)', () => {
    for (const choice of ['1', '12', '98', '00', '0', '123']) expect(maskInput('sale.company', choice)).toBe(choice);
    expect(maskInput('sale.company', '1234')).toBe('****');
    expect(maskInput('sale.product', '482193')).toBe('******');
    expect(maskInput('home', '123456789')).toBe('*********');
    expect(maskInput('home', '12 34')).toBe('** **');
    expect(maskInput('home', 'pin 4821')).toBe('pin ****');
    expect(maskInput('home', '１２３４')).toBe('****');
    // The long-ID rule first: its kept last 4 are not masked again.
    expect(maskInput('home', '1234*1198780012345012')).toBe('****' + '*' + '************5012');
  });

  it("never keeps a PIN typed again after the PIN screen (Africa's Talking text=3*1234*1234)", () => {
    expect(maskInputs([{ screen: 'home', input: '3' }, { screen: 'agent.pin', input: '1234' }, { screen: 'confirm.reference', input: '1234' }])).toBe('3 | **** | ****');
    expect(maskInputs([{ screen: 'agent.pin', input: '1234' }, { screen: 'sale.enter_id', input: '1234' }])).toBe('**** | ****');
    expect(maskInputs([{ screen: 'agent.pin', input: '1234' }, { screen: 'sale.company', input: '1234' }])).toBe('**** | ****');
  });

  it('joins several inputs of one hop, each masked', () => {
    expect(maskInputs([{ screen: 'home', input: '2' }, { screen: 'agent.pin', input: '4821' }])).toBe('2 | ****');
    expect(maskInputs([])).toBeNull();
  });
});

describe('maskDigitRuns', () => {
  it.each([
    ['1198 7800 1234 5012', '************5012'],
    ['1198-7800-1234-5012', '************5012'],
    ['119878001 2345012', '************5012'],
    ['*662*100*1198780012345012#', '*662*100*************5012#'],
    ['1197*8849*1483*6092', '************6092'],
    ['1197#8849#1483#6092', '************6092'],
    ['1197_8849_1483_6092', '************6092'],
    ['1197/8849/1483/6092', '************6092'],
    ['1197,8849,1483,6092', '************6092'],
    ['1197 - 8849 - 1483 - 6092', '************6092'],
    ['１１９７８８４９１４８３６０９２', '************6092'],
    ['１１９７ ８８４９ １４８３ ６０９２', '************6092'],
    ['*662*1197*8849*1483*6092#', '****************6092#'],
    ['*662*100*1198780012345012*1198780012345013#', '*662*100*************5012*************5013#'],
    // Between two IDs, what is left is a run of its own: 13 digits in groups, masked as a whole.
    ['*662*12345*67890*1198780012345012#', '*' + '*********7890' + '*' + '************5012#'],
  ])('masks an ID typed as %p', (typed, logged) => {
    expect(maskDigitRuns(typed)).toBe(logged);
  });

  it('leaves menu choices, PIN-length numbers and short codes alone', () => {
    for (const text of ['1', '98', '00', '4821', '*662*100#', '*662*1*2*3#', '12345678', '0788 123', '123*456*789']) expect(maskDigitRuns(text)).toBe(text);
  });

  it('masks such an ID typed on a menu screen', () => {
    expect(maskInput('home', '1198 7800 1234 5012')).toBe('************5012');
  });

  it('keeps the navigation keys readable on every screen but the PIN screen', () => {
    for (const screen of ['check.enter_id', 'confirm.household', 'confirm.reference', 'sale.village', 'home']) {
      for (const key of ['0', '00', '98']) expect(maskInput(screen, key)).toBe(key);
    }
    expect(maskInput('agent.pin', '00')).toBe('****');
  });
});
