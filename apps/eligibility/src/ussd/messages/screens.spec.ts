import { defaultRwandaLocationsFile } from '@limye/platform';
import { RwandaLocations } from '../../locations/rwanda-locations';
import { capSeptets, isGsm7, nonGsm7Characters, septetLength, USSD_MAX_SEPTETS } from '../domain/gsm7';
import {
  BILINGUAL_SCREENS,
  Language,
  LANGUAGES,
  LIST_KEYS,
  LIST_NOTICES,
  ListKey,
  MAX_SHOWN_RWF,
  NAME_CAPS,
  NoticeArgs,
  NoticeKey,
  NoticeRef,
  ScreenArgs,
  ScreenKey,
  SCREEN_ENDS,
  SCREEN_NOTICES,
} from './catalogue';
import { CATALOGUES, listPages, renderListPage, renderScreen } from './render';

/**
 * Every screen of the catalogue, in both languages, with the longest arguments it can get, with every
 * notice it may carry, and every page of every list (the real locations file included) must fit one USSD
 * screen (182 septets) and be GSM-7 only. A new screen without a worst-case sample here fails too.
 */

const W = {
  amount: MAX_SHOWN_RWF,
  category: 'W'.repeat(NAME_CAPS.category),
  percent: 100,
  product: 'W'.repeat(NAME_CAPS.product),
  location: 'W'.repeat(NAME_CAPS.location),
  reference: '9'.repeat(NAME_CAPS.reference),
  hhmm: '23:59',
  ddmm: '31/12',
  idLast4: '9999',
};

/** Worst cases for each screen; typed so that a screen missing here is a compile error (and ts-jest fails). */
const WORST: { [K in ScreenKey]: ScreenArgs[K][] } = {
  language: [{}],
  home: [{}],
  enter_id: [{}],
  unknown_id: [{}],
  eligible: [{ percent: W.percent, category: W.category }],
  already_subsidised: [{}],
  category_not_eligible: [{ category: W.category }],
  blocked: [{}],
  budget_spent: [{ category: W.category }],
  unavailable: [{}],
  not_agent: [{}],
  no_company: [{}],
  pin: [{}],
  pin_locked: [{ until: W.hhmm }],
  no_products: [{}],
  sale_confirm: [{ idLast4: W.idLast4, category: W.category, percent: W.percent, product: W.product, price: W.amount, incentive: W.amount, village: W.location }],
  sale_registered: [{ reference: W.reference, incentive: W.amount, until: W.ddmm }],
  sale_blocked: [{}],
  sale_invalid: [{}],
  sale_terms_changed: [{}],
  reference: [{}],
  unknown_reference: [{}],
  household: [{}],
  confirmed: [{ reference: W.reference }],
  already_used: [{}],
  mismatch: [{}],
  session_expired: [{}],
  bad_request: [{}],
  busy: [{}],
  error: [{}],
};

const NOTICE_WORST: { [K in NoticeKey]: NoticeArgs[K][] } = {
  invalid_choice: [{}],
  digits_only: [{}],
  empty: [{}],
  id_not_digits: [{}],
  id_wrong_length: [{ typed: 999 }],
  id_implausible: [{}],
  pin_wrong: [{ left: 20 }, { left: 1 }],
  ref_format: [{}],
  budget_short: [{}],
};

/** What is wrong with one rendered screen, if anything. */
function problemsOf(label: string, text: string): string[] {
  const problems: string[] = [];
  if (!isGsm7(text)) problems.push(`${label}: not GSM-7 (${nonGsm7Characters(text).map((c) => `U+${c.codePointAt(0)?.toString(16)}`).join(' ')})`);
  else if (septetLength(text) > USSD_MAX_SEPTETS) problems.push(`${label}: ${septetLength(text)} septets`);
  if (text.trim() === '') problems.push(`${label}: empty`);
  return problems;
}

function noticesFor(key: ScreenKey): (NoticeRef | null)[] {
  const refs: (NoticeRef | null)[] = [null];
  for (const n of SCREEN_NOTICES[key]) for (const args of NOTICE_WORST[n]) refs.push({ key: n, args } as NoticeRef);
  return refs;
}

function renderAll(lang: Language | null, keys: readonly ScreenKey[]): string[] {
  const problems: string[] = [];
  for (const key of keys) {
    const samples = WORST[key] as ScreenArgs[typeof key][];
    for (const args of samples) {
      for (const notice of noticesFor(key)) {
        const text = renderScreen(lang, key, args as never, notice);
        problems.push(...problemsOf(`${lang ?? 'bilingual'} ${key}${notice ? ` + ${notice.key}` : ''}`, text));
      }
    }
  }
  return problems;
}

function listProblems(lang: Language, list: ListKey, labels: string[], where: string): string[] {
  const problems: string[] = [];
  const pages = listPages(lang, list, labels);
  // Every entry appears exactly once, numbered in order across pages.
  const shown = pages.flatMap((p) => Array.from({ length: p.count }, (_, i) => p.first + i));
  if (shown.length !== labels.length || shown.some((v, i) => v !== i)) problems.push(`${lang} ${where}: pages do not cover the list in order`);
  for (const [i] of pages.entries()) {
    for (const notice of [null, ...LIST_NOTICES.map((key) => ({ key }))]) {
      problems.push(...problemsOf(`${lang} ${where} page ${i + 1}${notice ? ` + ${notice.key}` : ''}`, renderListPage(lang, list, labels, i, notice)));
    }
  }
  return problems;
}

describe('the screen-length check itself', () => {
  it('catches a screen one septet too long, an extension character counted twice, and a typographic apostrophe', () => {
    expect(problemsOf('x', 'a'.repeat(182))).toEqual([]);
    expect(problemsOf('x', 'a'.repeat(183))).toHaveLength(1);
    expect(problemsOf('x', `${'a'.repeat(181)}[`)).toHaveLength(1);
    expect(problemsOf('x', 'y\u2019umudugudu')).toHaveLength(1);
    expect(problemsOf('x', 'Akana\u00A0ka')).toHaveLength(1);
  });
});

describe.each(LANGUAGES)('every screen in %s', (lang) => {
  const cat = CATALOGUES[lang];

  it('has a worst-case sample for every screen and notice of the catalogue', () => {
    expect(Object.keys(cat.screens).filter((k) => !(WORST as Record<string, unknown[]>)[k]?.length)).toEqual([]);
    expect(Object.keys(cat.notices).filter((k) => !(NOTICE_WORST as Record<string, unknown[]>)[k]?.length)).toEqual([]);
    expect(Object.keys(cat.screens).sort()).toEqual(Object.keys(SCREEN_ENDS).sort());
  });

  it('fits 182 GSM-7 septets, with every notice it may carry', () => {
    expect(renderAll(lang, Object.keys(cat.screens) as ScreenKey[])).toEqual([]);
  });

  it('uses the same navigation keys as the other language', () => {
    for (const text of [cat.nav, cat.more, cat.screens.mismatch({}), cat.screens.home({})]) expect(text).toMatch(/\d/);
    expect(cat.nav.startsWith('0 ')).toBe(true);
    expect(cat.nav).toContain(' 00 ');
    expect(cat.more.startsWith('98 ')).toBe(true);
  });

  it('fits the company and product lists with the longest names and amounts, on every page', () => {
    const companies = Array.from({ length: 25 }, (_, i) => capSeptets(`Company ${'W'.repeat(40)} ${i}`, NAME_CAPS.company));
    const products = Array.from({ length: 25 }, () => cat.productItem({ name: capSeptets('W'.repeat(60), NAME_CAPS.product), price: MAX_SHOWN_RWF }));
    expect([...listProblems(lang, 'company', companies, 'companies'), ...listProblems(lang, 'product', products, 'products')]).toEqual([]);
  });

  it('fits every page of every location list of the real locations file', () => {
    const locations = RwandaLocations.load(defaultRwandaLocationsFile(), false);
    const problems: string[] = [];
    let lists = 0;
    for (const { path, level, names } of locations.allLists()) {
      lists++;
      problems.push(...listProblems(lang, level, names.map((n) => capSeptets(n, NAME_CAPS.location)), `${level} list at [${path.join(',')}]`));
    }
    expect(lists).toBe(1 + 5 + 30 + 416 + 2148);
    expect(problems).toEqual([]);
  });

  it('fits lists of the longest allowed location names too (another LOCATIONS_FILE)', () => {
    const names = Array.from({ length: 25 }, () => W.location);
    expect(LIST_KEYS.flatMap((list) => listProblems(lang, list, names, `${list} of long names`))).toEqual([]);
  });
});

describe('screens shown before the language is known', () => {
  it('are bilingual and fit 182 GSM-7 septets', () => {
    expect(renderAll(null, BILINGUAL_SCREENS)).toEqual([]);
    for (const key of BILINGUAL_SCREENS.filter((k) => k !== 'language')) {
      const text = renderScreen(null, key, {} as never);
      expect(text).toContain(CATALOGUES.en.screens[key]({} as never));
      expect(text).toContain(CATALOGUES.rw.screens[key]({} as never));
    }
  });
});
