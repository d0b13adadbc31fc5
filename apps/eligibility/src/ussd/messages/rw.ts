import { Catalogue, formatRwf } from './catalogue';

const NAV = '0 Inyuma 00 Ahabanza';

/**
 * Kinyarwanda, from the vocabulary of production USSD menus in Rwanda (docs/reference/kinyarwanda-vocabulary.md):
 * Murakaza neza, Hitamo, Andika, Emeza, Ahabanza, Komeza, Ongera ugerageze, Murakoze, wemerewe,
 * nimero y'indangamuntu, Intara/Akarere/Umurenge/Akagari/Umudugudu; "nkunganire" is the word Rwandans use
 * for a government subsidy. Plain ASCII apostrophes only. To be reviewed by a native speaker.
 */
export const RW: Catalogue = {
  screens: {
    language: () => 'Choose a language / Hitamo ururimi\n1. English\n2. Ikinyarwanda',
    home: () => "Murakaza neza kuri nkunganire y'imirasire y'izuba\n1. Reba niba urugo rwemerewe\n2. Andika igurisha\n3. Emeza igurisha\n4. Ururimi/Language",
    enter_id: () => `Andika nimero y'indangamuntu (imibare 16):\n${NAV}`,
    unknown_id: () => `Iyi nimero ntiyabonetse. Andika nimero nyayo cyangwa iy'umukuru w'urugo:\n${NAV}`,
    eligible: (a) => `Urugo rwemerewe nkunganire ya ${a.percent}% (icyiciro ${a.category})\n1. Andika igurisha\n${NAV}`,
    already_subsidised: () => "Ntirwemerewe: uru rugo rwamaze guhabwa sisitemu y'imirasire ifite nkunganire.",
    category_not_eligible: (a) => `Ntirwemerewe: icyiciro ${a.category} ntigihabwa nkunganire.`,
    blocked: () => 'Ntirwemerewe ubu: uru rugo rufite igurisha ritararangira (cyangwa igikoresho cyagaruwe).',
    budget_spent: (a) => `Ntirwemerewe ubu: amafaranga ya nkunganire y'icyiciro ${a.category} yarashize. Ongera ugerageze nyuma.`,
    unavailable: () => "Sisitemu y'igihugu ntisubiza. Nyabuneka ongera ugerageze mu minota mike.",
    not_agent: () => 'Abacuruzi banditse gusa ni bo bashobora kwandika cyangwa kwemeza igurisha.',
    no_company: () => 'Nta kompanyi ihujwe na telefoni yawe. Nyabuneka vugana na kompanyi yawe.',
    pin: () => `Andika PIN yawe y'umucuruzi:\n${NAV}`,
    pin_locked: (a) => `Wibeshye PIN inshuro nyinshi. PIN yawe irafunze kugeza saa ${a.until}. Uzongere ugerageze icyo gihe.`,
    no_products: () => 'Iyi kompanyi nta bicuruzwa ifite ubu.',
    sale_confirm: (a) =>
      [
        `ID ...${a.idLast4} icyiciro ${a.category} ${a.percent}%`,
        a.product,
        `Igiciro ${formatRwf(a.price)} Frw`,
        `Nkunganire ${formatRwf(a.incentive)} Frw`,
        `Umudugudu ${a.village}`,
        `Andika ${a.idLast4} wemeze`,
        NAV,
      ].join('\n'),
    sale_registered: (a) =>
      `Igurisha ryanditswe. Nimero ${a.reference}. Nkunganire ya ${formatRwf(a.incentive)} Frw ibitswe kugeza ${a.until}. Uzaryemeze igihe cyo gushyiraho sisitemu.`,
    sale_blocked: () => 'Ntirwemerewe ubu: uru rugo rufite irindi gurisha.',
    sale_terms_changed: () => "Igiciro cy'iki gicuruzwa cyahindutse. Nta cyanditswe: ongera utangire igurisha.",
    sale_invalid: () => 'Iri gurisha ntirishobora kwandikwa: kompanyi ntigurisha iki gicuruzwa, cyangwa ntuyikorera.',
    reference: () => `Andika nimero y'igurisha (imibare 8):\n${NAV}`,
    unknown_reference: () => `Nta gurisha ritegereje rifite iyi nimero. Ongera uyandike:\n${NAV}`,
    household: () => `Andika nimero y'urugo cyangwa iya voucher:\n${NAV}`,
    confirmed: (a) => `Igurisha ${a.reference} ryemejwe. Murakoze.`,
    already_used: () => "Iyi nimero y'urugo yamaze gukoreshwa.",
    mismatch: () => `Nimero y'urugo ntihuye n'iri gurisha.\n1. Ongera uyandike\n2. Tangira n'indi nimero\n${NAV}`,
    session_expired: () => 'Igihe cyawe cyarangiye. Nyabuneka ongera ukande kode.',
    bad_request: () => 'Ubusabe ntibwuzuye. Nyabuneka ongera ukande kode.',
    busy: () => 'Ubusabe ni bwinshi. Nyabuneka tegereza umunota umwe, wongere ukande kode.',
    error: () => 'Habaye ikibazo. Nyabuneka ongera ukande kode.',
  },
  notices: {
    invalid_choice: () => 'Ibyo wahisemo si byo.',
    digits_only: () => 'Koresha imibare gusa.',
    empty: () => 'Nta cyo wanditse.',
    id_not_digits: () => 'Indangamuntu igira imibare gusa.',
    id_wrong_length: (a) => `Indangamuntu igira imibare 16, wanditse ${a.typed}.`,
    id_implausible: () => "Iyi nimero y'indangamuntu si yo.",
    pin_wrong: (a) => `PIN si yo. Usigaranye amahirwe ${a.left}.`,
    ref_format: () => "Nimero y'igurisha igira imibare 8.",
    budget_short: () => 'Amafaranga ntahagije.',
  },
  lists: {
    company: 'Hitamo kompanyi:',
    product: 'Hitamo igicuruzwa:',
    province: 'Hitamo Intara:',
    district: 'Hitamo Akarere:',
    sector: 'Hitamo Umurenge:',
    cell: 'Hitamo Akagari:',
    village: 'Hitamo Umudugudu:',
  },
  productItem: (a) => `${a.name} ${formatRwf(a.price)} Frw`,
  more: '98 Komeza',
  nav: NAV,
};
