import { Catalogue, formatRwf } from './catalogue';

const NAV = '0 Back 00 Home';

/** English. Plain ASCII apostrophes only (a typographic one would halve the screen: GSM-7). */
export const EN: Catalogue = {
  screens: {
    language: () => 'Choose a language / Hitamo ururimi\n1. English\n2. Ikinyarwanda',
    home: () => 'Welcome to the RBF solar incentive tool\n1. Check eligibility\n2. Register a sale\n3. Confirm a sale\n4. Language/Ururimi',
    enter_id: () => `Enter the national ID number (16 digits):\n${NAV}`,
    unknown_id: () => `ID not found. Type the correct ID or try the household head's ID:\n${NAV}`,
    eligible: (a) => `Eligible: incentive ${a.percent}% (category ${a.category})\n1. Register a sale\n${NAV}`,
    already_subsidised: () => 'Not eligible: this household already received a subsidised system.',
    category_not_eligible: (a) => `Not eligible: category ${a.category} gets no incentive.`,
    blocked: () => 'Not eligible now: an ongoing sale (or a repossession) blocks this household.',
    budget_spent: (a) => `Currently not eligible: the budget for category ${a.category} is used up. Try again later.`,
    unavailable: () => 'The national system is not answering. Please try again in a few minutes.',
    not_agent: () => 'Only registered sales agents can register or confirm a sale.',
    no_company: () => 'No company is linked to your phone. Please contact your company.',
    pin: () => `Enter your agent PIN:\n${NAV}`,
    pin_locked: (a) => `Too many wrong PINs. Your PIN is locked until ${a.until}. Try again then.`,
    no_products: () => 'This company has no products to sell yet.',
    sale_confirm: (a) =>
      [
        `Sale: ID ...${a.idLast4}, cat. ${a.category} (${a.percent}%)`,
        a.product,
        `Price ${formatRwf(a.price)} RWF`,
        `Incentive ${formatRwf(a.incentive)} RWF`,
        `Village ${a.village}`,
        '1. Confirm',
        NAV,
      ].join('\n'),
    sale_registered: (a) =>
      `Sale registered. Ref ${a.reference}. Incentive ${formatRwf(a.incentive)} RWF reserved until ${a.until}. Confirm it at installation.`,
    sale_blocked: () => 'Not eligible now: another sale blocks this household.',
    sale_invalid: () => 'This sale cannot be registered: the company does not sell this product, or you do not sell for it.',
    reference: () => `Enter the sale reference (8 digits):\n${NAV}`,
    unknown_reference: () => `No pending sale with this reference. Enter it again:\n${NAV}`,
    household: () => `Enter the household ID or voucher number:\n${NAV}`,
    confirmed: (a) => `Sale ${a.reference} confirmed. Thank you.`,
    already_used: () => 'This household ID has already been used.',
    mismatch: () => `The household ID does not match this sale.\n1. Enter it again\n2. Start again with another ID\n${NAV}`,
    session_expired: () => 'Your session has expired. Please dial again.',
    bad_request: () => 'The request was incomplete. Please dial again.',
    error: () => 'Sorry, something went wrong. Please dial again.',
  },
  notices: {
    invalid_choice: () => 'Invalid choice.',
    digits_only: () => 'Use the number keys only.',
    empty: () => 'You typed nothing.',
    id_not_digits: () => 'An ID has digits only.',
    id_wrong_length: (a) => `An ID has 16 digits, you typed ${a.typed}.`,
    id_implausible: () => 'This is not a valid national ID.',
    pin_wrong: (a) => `Wrong PIN, ${a.left} ${a.left === 1 ? 'try' : 'tries'} left.`,
    ref_format: () => 'A reference has 8 digits.',
  },
  lists: {
    company: 'Choose the company:',
    product: 'Choose the product:',
    province: 'Choose the province:',
    district: 'Choose the district:',
    sector: 'Choose the sector:',
    cell: 'Choose the cell:',
    village: 'Choose the village:',
  },
  productItem: (a) => `${a.name} ${formatRwf(a.price)} RWF`,
  more: '98 More',
  nav: NAV,
};
