import { septetLength, USSD_MAX_SEPTETS } from '../domain/gsm7';
import { ListPage, paginate } from '../domain/paging';
import { BILINGUAL_SCREENS, Catalogue, Language, LIST_NOTICES, ListKey, ListNoticeKey, NoticeArgs, NoticeRef, ScreenArgs, ScreenKey, SCREEN_NOTICES } from './catalogue';
import { EN } from './en';
import { RW } from './rw';

export const CATALOGUES: { [L in Language]: Catalogue } = { en: EN, rw: RW };

function noticeText(cat: Catalogue, notice: NoticeRef): string {
  const fn = cat.notices[notice.key] as (a: NoticeArgs[typeof notice.key]) => string;
  return fn(notice.args);
}

/**
 * One screen's text (without the gateway's CON/END). With `lang` null (the phone's language is not known
 * yet) a bilingual screen is rendered in English then Kinyarwanda; other screens fall back to English.
 * A notice the screen is not sized for is a programming error and throws.
 */
export function renderScreen<K extends ScreenKey>(lang: Language | null, key: K, args: ScreenArgs[K], notice?: NoticeRef | null): string {
  if (notice && !SCREEN_NOTICES[key].includes(notice.key)) throw new Error(`screen '${key}' is not sized for notice '${notice.key}'`);
  let body: string;
  let prefix: string | null = null;
  if (lang === null && BILINGUAL_SCREENS.includes(key)) {
    const en = EN.screens[key](args);
    const rw = RW.screens[key](args);
    body = en === rw ? en : `${en}\n${rw}`;
    if (notice) prefix = `${noticeText(EN, notice)} / ${noticeText(RW, notice)}`;
  } else {
    const cat = CATALOGUES[lang ?? 'en'];
    body = cat.screens[key](args);
    if (notice) prefix = noticeText(cat, notice);
  }
  const text = prefix ? `${prefix}\n${body}` : body;
  // Safety net for amounts or names beyond what the screens are sized for: the notice is what can go.
  return prefix && septetLength(text) > USSD_MAX_SEPTETS ? body : text;
}

/** Septets a list page may use: the screen less room for the longest notice a list can carry. */
export function listBudget(lang: Language): number {
  const cat = CATALOGUES[lang];
  const longest = Math.max(...LIST_NOTICES.map((k) => septetLength(noticeText(cat, { key: k, args: {} }))));
  return USSD_MAX_SEPTETS - longest - 1;
}

/** The pages of a list in `lang` (pure: the same labels always give the same pages). */
export function listPages(lang: Language, list: ListKey, labels: readonly string[]): ListPage[] {
  const cat = CATALOGUES[lang];
  return paginate({ header: cat.lists[list], labels, more: cat.more, nav: cat.nav, budget: listBudget(lang) });
}

/** Page `pageIndex` of a list, with an optional notice above it. */
export function renderListPage(lang: Language, list: ListKey, labels: readonly string[], pageIndex: number, notice?: { key: ListNoticeKey } | null): string {
  const pages = listPages(lang, list, labels);
  const page = pages[Math.min(Math.max(pageIndex, 0), pages.length - 1)];
  return notice ? `${noticeText(CATALOGUES[lang], { key: notice.key, args: {} })}\n${page.text}` : page.text;
}
