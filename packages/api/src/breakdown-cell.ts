import { cellKeyToString, isCellOf } from '@jalon/domain';
import type { Locale } from './context';
import { toTRPCError } from './errors';
import { messageText } from './messages';

/**
 * The cell key of a target's, a baseline's or a value's breakdown, when the indicator is broken down that way:
 * every dimension one of its own, every category one of that dimension's (as the engine computes
 * its cells, crossings of any number of dimensions included). Anything else is refused in words: a
 * target for a cell the engine never computes would be kept and never met.
 */
export function cellOfIndicator(
  row: { code: string; dimensions: string[] },
  breakdown: Record<string, string>,
  locale: Locale,
): string {
  const key = cellKeyToString(breakdown);
  const dimensions = row.dimensions;
  if (isCellOf(breakdown, dimensions)) return key;
  throw toTRPCError(
    {
      kind: 'invalid-input',
      message: messageText('breakdown.unknown-cell', {
        cell: key,
        indicator: row.code,
        dimensions: dimensions.join(', '),
      }),
    },
    locale,
  );
}
