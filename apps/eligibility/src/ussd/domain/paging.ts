import { septetLength } from './gsm7';

/** What a paged list screen is made of; every part is already in the screen's language. */
export interface ListLayout {
  /** The first line, e.g. "Choose the district:". */
  header: string;
  /** The entries, without numbers. */
  labels: readonly string[];
  /** The line offering the next page, e.g. "98 More". */
  more: string;
  /** The last line, e.g. "0 Back 00 Home". */
  nav: string;
  /** Septets the page may use. */
  budget: number;
}

export interface ListPage {
  /** 0-based index in `labels` of the page's first entry; the entry is shown as number first + 1. */
  first: number;
  /** How many entries the page shows. */
  count: number;
  hasMore: boolean;
  text: string;
}

/** The key that shows the next page of a list. */
export const MORE_KEY = '98';

/**
 * Splits a list into screens, each filled with as many entries as fit the budget: header, numbered
 * entries (numbering continues across pages: page 2 starts where page 1 stopped), "98 More" when entries
 * remain, then the navigation line. Pure: the same layout always gives the same pages, so a page can be
 * found again from its index alone. An entry too long for any page still gets a page of its own (the
 * screen-length test is what keeps that from happening).
 */
export function paginate(layout: ListLayout): ListPage[] {
  const { header, labels, more, nav, budget } = layout;
  const line = (i: number) => `${i + 1}. ${labels[i]}`;
  const size = (lines: string[]) => septetLength(lines.join('\n'));
  const pages: ListPage[] = [];
  let first = 0;
  do {
    const items: string[] = [];
    while (first + items.length < labels.length) {
      const candidate = [...items, line(first + items.length)];
      const isLast = first + candidate.length === labels.length;
      const fits = isLast ? size([header, ...candidate, nav]) <= budget : size([header, ...candidate, more, nav]) <= budget;
      if (!fits) break;
      items.push(candidate[candidate.length - 1]);
    }
    if (items.length === 0 && first < labels.length) items.push(line(first));
    const hasMore = first + items.length < labels.length;
    pages.push({ first, count: items.length, hasMore, text: [header, ...items, ...(hasMore ? [more] : []), nav].join('\n') });
    first += items.length;
  } while (first < labels.length);
  return pages;
}

/** The entry index (0-based, in the whole list) a choice on `page` selects, or null when not on it. */
export function choiceOnPage(page: ListPage, input: string): number | null {
  if (!/^\d{1,3}$/.test(input)) return null;
  const index = Number(input) - 1;
  return index >= page.first && index < page.first + page.count ? index : null;
}
