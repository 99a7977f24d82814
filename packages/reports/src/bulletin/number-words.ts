import type { Locale } from '@jalon/domain';

const FR = [
  'zéro',
  'un',
  'deux',
  'trois',
  'quatre',
  'cinq',
  'six',
  'sept',
  'huit',
  'neuf',
  'dix',
  'onze',
  'douze',
  'treize',
  'quatorze',
  'quinze',
  'seize',
];
const FR_TENS = ['', '', 'vingt', 'trente', 'quarante', 'cinquante', 'soixante'];
const EN = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];

function french(n: number): string {
  if (n <= 16) return FR[n] ?? String(n);
  if (n < 20) return `dix-${FR[n - 10]}`;
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  if (tens === 7 || tens === 9) {
    const base = tens === 7 ? 'soixante' : 'quatre-vingt';
    return n === 71 ? 'soixante et onze' : `${base}-${french(10 + unit)}`;
  }
  if (tens === 8) return unit === 0 ? 'quatre-vingts' : `quatre-vingt-${FR[unit]}`;
  if (unit === 0) return FR_TENS[tens] ?? String(n);
  return unit === 1 ? `${FR_TENS[tens]} et un` : `${FR_TENS[tens]}-${FR[unit]}`;
}

/**
 * A whole number 0–99 in words, as bulletins write counts (`douze (12)`); digits beyond.
 * @example numberInWords(12, 'fr') // 'douze'
 * @example numberInWords(71, 'fr') // 'soixante et onze'
 */
export function numberInWords(n: number, locale: Locale): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (locale === 'fr') return french(n);
  if (n < 20) return EN[n] ?? String(n);
  const unit = n % 10;
  return `${EN_TENS[Math.floor(n / 10)]}${unit ? `-${EN[unit]}` : ''}`;
}

/** The grammatical gender of the noun a French number counts (« une note », « un rapport »). */
export type Gender = 'masculine' | 'feminine';

/**
 * A count of things as a bulletin writes it, the one style every sentence uses: words then digits
 * from one to ninety-nine (`treize (13)`, `une (1) note bimensuelle`), digits alone beyond
 * (`116 incidents`). French agrees « un » with a feminine noun (`vingt et une (21) sessions`).
 * @example countInWords(13, 'fr') // 'treize (13)'
 * @example countInWords(1, 'fr', 'feminine') // 'une (1)'
 */
export function countInWords(n: number, locale: Locale, gender: Gender = 'masculine'): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  let words = numberInWords(n, locale);
  if (locale === 'fr' && gender === 'feminine') words = words.replace(/\bun$/, 'une');
  return `${words} (${n})`;
}
