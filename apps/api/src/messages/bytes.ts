/** A size in the reader's units: `2 Mo`, `512 Ko` / `2 MB`, `512 KB`. */
export function formatBytes(n: number, tag: string, [mb, kb]: readonly [string, string]): string {
  const [value, unit] = n >= 1_048_576 ? [n / 1_048_576, mb] : [n / 1024, kb];
  return `${value.toLocaleString(tag, { maximumFractionDigits: 1 })} ${unit}`;
}
