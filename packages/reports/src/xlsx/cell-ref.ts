/**
 * The letters of a 1-based column number.
 * @example columnLetter(28) // 'AB'
 */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * An A1 reference.
 * @example cellRef(5, 3) // 'C5'
 */
export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}
