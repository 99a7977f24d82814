/**
 * A decimal number as a French or English spreadsheet writes it: `1 234,5` (space, no-break
 * space or narrow no-break space between thousands, decimal comma), `1234.5`, `1,234.5`, `-3`,
 * `−3`. A comma alone followed by exactly three digits (`1,234`) is ambiguous; the French reading
 * (a decimal comma) wins unless `locale` is `'en'`. `null` when the text is not a number.
 * The inverse of {@link formatNumber}: `parseNumber(formatNumber(x, 'fr'))` is `x` rounded.
 * @example parseNumber('1 234,5') // 1234.5
 */
export function parseNumber(raw: string, locale: 'fr' | 'en' = 'fr'): number | null {
  let text = raw
    .normalize('NFKC')
    .replace(/[\s\u00a0\u202f']+/g, ' ')
    .trim()
    .replace(/^[−–]/, '-');
  if (text === '') return null;
  // Thousands separated by spaces: `1 234 567,5`.
  if (/^-?\d{1,3}( \d{3})+([.,]\d+)?$/.test(text)) text = text.replace(/ /g, '');
  if (/^-?\d+,\d+$/.test(text)) {
    if (locale === 'en' && /^-?\d{1,3},\d{3}$/.test(text)) text = text.replace(',', '');
    else text = text.replace(',', '.');
  } else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) {
    text = text.replace(/,/g, '');
  } else if (/^-?\d{1,3}((\.\d{3})+,\d+|(\.\d{3}){2,})$/.test(text) && locale === 'fr') {
    // `1.234,5`, `1.234.567`: dots between thousands, as some French exports write them
    // (`1.234` alone stays one point two three four).
    text = text.replace(/\./g, '').replace(',', '.');
  }
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
