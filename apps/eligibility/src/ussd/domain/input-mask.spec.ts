import { maskDigitRuns, maskInput, maskInputs } from './input-mask';

describe('what the request log keeps of an input', () => {
  it('never keeps a PIN', () => {
    expect(maskInput('agent.pin', '4821')).toBe('****');
    expect(maskInput('agent.pin', '')).toBe('****');
    expect(maskInput('agent.pin', '00')).toBe('****');
  });

  it('keeps only the last 4 of a national ID (or a household ID with letters) typed on its screen, with or without separators', () => {
    expect(maskInput('check.enter_id', '1198780012345012')).toBe('************5012');
    expect(maskInput('sale.enter_id', '1 1987 8 0012345 0 12')).toBe('************5012');
    expect(maskInput('check.enter_id', '1198-7800-1234-5012')).toBe('************5012');
    // A 10-digit household ID is hidden whole: a 5-digit PIN typed twice is 10 digits too.
    expect(maskInput('confirm.household', '0412345678')).toBe('**********');
    expect(maskInput('check.enter_id', '5432154321')).toBe('**********');
    expect(maskInput('confirm.household', 'HH-00042')).toBe('****0042');
  });

  it('hides wholly, on an ID screen, digits that are not an ID: a PIN, a PIN twice, a voucher', () => {
    expect(maskInput('sale.enter_id', '1234')).toBe('****');
    expect(maskInput('check.enter_id', '12 34 5')).toBe('*****');
    expect(maskInput('confirm.household', '123456')).toBe('******');
    expect(maskInput('check.enter_id', '12341234')).toBe('********');
    expect(maskInput('check.enter_id', '1234-1234')).toBe('********');
    expect(maskInput('confirm.household', '73920184')).toBe('********');
    expect(maskInput('sale.enter_id', '1')).toBe('****');
    expect(maskInput('sale.enter_id', '')).toBe('****');
    expect(maskInput('confirm.household', 'HH-1')).toBe('****');
  });

  it('keeps on the reference screen only a sale reference (8 digits, check digit right, not a PIN typed twice)', () => {
    expect(maskInput('confirm.reference', '12345671')).toBe('12345671');
    expect(maskInput('confirm.reference', '１２３４５６７１')).toBe('12345671');
    expect(maskInput('confirm.reference', '12345678')).toBe('********'); // check digit wrong
    expect(maskInput('confirm.reference', '10011001')).toBe('********'); // a 4-digit PIN twice whose check digit happens to be right
    for (const [typed, logged] of [['1234', '****'], ['123456', '******'], ['1234567', '*******'], ['123456789', '*********'], ['1234 5678', '********'], ['7', '****']]) {
      expect(maskInput('confirm.reference', typed)).toBe(logged);
    }
  });

  it('keeps menu choices and navigation keys, hides every other group of 4+ digits, and cuts to 64', () => {
    for (const choice of ['1', '12', '98', '00', '0', '123']) expect(maskInput('sale.company', choice)).toBe(choice);
    expect(maskInput('sale.company', '1234')).toBe('****');
    expect(maskInput('sale.product', '482193')).toBe('******');
    expect(maskInput('home', '123456789')).toBe('*********');
    expect(maskInput('home', 'pin 4821')).toBe('pin ****');
    expect(maskInput('home', '１２３４')).toBe('****');
    expect(maskInput('home', '1198780012345012')).toBe('************5012');
    expect(maskInput('home', 'x'.repeat(100))).toHaveLength(64);
    for (const screen of ['check.enter_id', 'confirm.household', 'confirm.reference', 'sale.village', 'home']) {
      for (const key of ['0', '00', '98']) expect(maskInput(screen, key)).toBe(key);
    }
  });

  it('never keeps a PIN sent again with other input in one Arkesel userData (a PIN is never "the last 4 of an ID")', () => {
    expect(maskInput('home', '00*1234*1234')).toBe('00*****' + '*****');
    expect(maskInput('home', '3*12345678*1234')).toBe('3*********' + '*****');
    expect(maskInput('home', '3*739164*739164')).toBe('3*******' + '*******');
    expect(maskInput('home', '739164739164')).toBe('************');
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

describe('maskDigitRuns (service codes, where an ID or a PIN may be dialled into the code)', () => {
  it.each([
    // An ID typed as one group keeps its last 4.
    ['*662*100*1198780012345012#', '*662*100*************5012#'],
    ['*662*100*1198780012345012*1198780012345013#', '*662*100*************5012*************5013#'],
    ['１１９７８８４９１４８３６０９２', '************6092'],
    // In groups, or with a PIN: hidden whole.
    ['1198 7800 1234 5012', '**** **** **** ****'],
    ['1197*8849*1483*6092', '*************' + '******'],
    ['1197#8849#1483#6092', '****#****#****#****'],
    ['1197_8849_1483_6092', '****_****_****_****'],
    ['*662*1197*8849*1483*6092#', '*662*' + '*'.repeat(19) + '#'],
    ['*662*100*3*1234#', '*662*100*3*****#'],
    ['*662*100*2*1234*1198780012345012#', '*662*100*2*' + '*'.repeat(5) + '************5012#'],
    ['*662*12341234#', '*662*********#'],
  ])('%p is logged as %p', (typed, logged) => {
    expect(maskDigitRuns(typed)).toBe(logged);
  });

  it('leaves menu choices and short codes alone', () => {
    for (const text of ['1', '98', '00', '*662*100#', '*662*1*2*3#', '12*456*78']) expect(maskDigitRuns(text)).toBe(text);
  });
});

describe('a phone number typed or dialled in groups is hidden whole (9 digits or more across its groups)', () => {
  it.each([
    ['250*788*123*456', '***' + '*' + '***' + '*' + '***' + '*' + '***'],
    ['07#88#123#456', '**#**#***#***'],
    ['250#788#123#456', '***#***#***#***'],
    ['+250 788 123 456', '+*** *** *** ***'],
    ['0788 123 456', '**** *** ***'],
    ['0788-123-456', '****-***-***'],
    ['(0788) 123.456', '(****) ***.***'],
    ['078 812 3456', '*** *** ****'],
    ['788 123 456', '*** *** ***'],
    ['123*456*789', '*'.repeat(11)],
    ['call 0788 123 456 now', 'call **** *** *** now'],
  ])('typed at a menu: %p is logged as %p', (typed, logged) => {
    expect(maskInput('home', typed)).toBe(logged);
    expect(maskInput('sale.company', typed)).toBe(logged);
  });

  it.each([
    ['*662*100*250*788*123*456#', '*' + '*'.repeat(23) + '#'],
    ['*662*0788*123*456#', '*662*' + '*'.repeat(12) + '#'],
    ['*662*078*812*3456#', '*' + '*'.repeat(16) + '#'],
  ])('dialled into the service code: %p is logged as %p', (dialled, logged) => {
    expect(maskDigitRuns(dialled)).toBe(logged);
  });

  it("across the inputs of one hop (Africa's Talking text=250*788*123*456: four inputs)", () => {
    const inputs = (...values: string[]) => values.map((input) => ({ screen: 'home', input }));
    expect(maskInputs(inputs('250', '788', '123', '456'))).toBe('*** | *** | *** | ***');
    expect(maskInputs(inputs('0788', '123', '456'))).toBe('**** | *** | ***');
    expect(maskInputs(inputs('07', '88', '123', '456'))).toBe('** | ** | *** | ***');
    // A few menu choices stay readable, and so does one before a PIN or an ID screen.
    expect(maskInputs(inputs('2', '1', '3'))).toBe('2 | 1 | 3');
    expect(maskInputs([{ screen: 'home', input: '3' }, { screen: 'agent.pin', input: '123456' }, { screen: 'sale.company', input: '12' }])).toBe('3 | **** | 12');
    expect(maskInputs([{ screen: 'home', input: '1' }, { screen: 'check.enter_id', input: '1198780012345012' }, { screen: 'check.result', input: '00' }])).toBe('1 | ************5012 | 00');
  });

  it('hides a phone typed on an ID screen whole (it is not an ID: no last 4)', () => {
    expect(maskInput('check.enter_id', '+250788123456')).toBe('************');
    expect(maskInput('sale.enter_id', '0788 123 456')).toBe('**********');
  });

  it('still keeps a menu path or service code before a hidden PIN or ID, and fewer than 9 digits in short groups', () => {
    expect(maskDigitRuns('*662*100*3*1234#')).toBe('*662*100*3*****#');
    expect(maskInput('home', '1*2*98')).toBe('1*2*98');
    expect(maskInput('home', '12 34 56 78')).toBe('12 34 56 78');
  });
});

describe('one input alone or in a hop', () => {
  it.each(['*662*100*3*1234', '0788 123 456', '00*1234*1234', '3*739164*739164', '250*788*123*456', 'pin 4821', '1198780012345012'])(
    '%p is logged the same by maskInput and maskInputs',
    (typed) => {
      expect(maskInputs([{ screen: 'home', input: typed }])).toBe(maskInput('home', typed));
    },
  );
});
