import fc from 'fast-check';
import { septetLength } from './gsm7';
import { choiceOnPage, ListLayout, paginate } from './paging';

const layout = (labels: string[], budget = 182): ListLayout => ({ header: 'Choose the village:', labels, more: '98 More', nav: '0 Back 00 Home', budget });

describe('paginate', () => {
  it('puts a short list on one page without "98 More"', () => {
    const pages = paginate(layout(['Gihanga', 'Izuba', 'Ubumwe']));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toEqual({ first: 0, count: 3, hasMore: false, text: 'Choose the village:\n1. Gihanga\n2. Izuba\n3. Ubumwe\n0 Back 00 Home' });
  });

  it('fills each page up to the budget and continues the numbering on the next page', () => {
    const labels = Array.from({ length: 25 }, (_, i) => `Village${String(i + 1).padStart(2, '0')}`);
    const pages = paginate(layout(labels, 120));
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0].text.split('\n')).toEqual(['Choose the village:', ...labels.slice(0, pages[0].count).map((l, i) => `${i + 1}. ${l}`), '98 More', '0 Back 00 Home']);
    expect(pages[1].text).toContain(`\n${pages[0].count + 1}. ${labels[pages[0].count]}\n`);
    for (const [i, p] of pages.entries()) {
      expect(septetLength(p.text)).toBeLessThanOrEqual(120);
      if (p.hasMore) {
        // Full: one more entry would not have fitted.
        const withNext = `${p.text.replace('\n98 More\n0 Back 00 Home', '')}\n${p.first + p.count + 1}. ${labels[p.first + p.count]}\n98 More\n0 Back 00 Home`;
        expect(septetLength(withNext)).toBeGreaterThan(120);
      }
      expect(p.hasMore).toBe(i < pages.length - 1);
    }
  });

  it('lets the last page use the room of "98 More"', () => {
    // 3 entries fit only without the "98 More" line.
    const labels = ['aaaaaaaaaa', 'bbbbbbbbbb', 'cccccccccc'];
    const exact = septetLength(['Choose the village:', '1. aaaaaaaaaa', '2. bbbbbbbbbb', '3. cccccccccc', '0 Back 00 Home'].join('\n'));
    expect(paginate(layout(labels, exact))).toHaveLength(1);
    expect(paginate(layout(labels, exact - 1)).length).toBeGreaterThan(1);
  });

  it('covers every entry once, in order, within budget (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z ]{1,20}$/), { minLength: 1, maxLength: 25 }), fc.integer({ min: 80, max: 182 }), (labels, budget) => {
        const pages = paginate(layout(labels, budget));
        const shown = pages.flatMap((p) => Array.from({ length: p.count }, (_, i) => p.first + i));
        expect(shown).toEqual(labels.map((_, i) => i));
        for (const p of pages) expect(septetLength(p.text)).toBeLessThanOrEqual(budget);
      }),
    );
  });

  it('accepts only the numbers shown on the page', () => {
    const pages = paginate(layout(Array.from({ length: 25 }, (_, i) => `Village ${i + 1}`), 120));
    const second = pages[1];
    expect(choiceOnPage(second, String(second.first + 1))).toBe(second.first);
    expect(choiceOnPage(second, String(second.first + second.count))).toBe(second.first + second.count - 1);
    expect(choiceOnPage(second, '1')).toBeNull();
    expect(choiceOnPage(second, String(second.first + second.count + 1))).toBeNull();
    expect(choiceOnPage(second, 'x')).toBeNull();
    expect(choiceOnPage(second, '')).toBeNull();
  });
});
