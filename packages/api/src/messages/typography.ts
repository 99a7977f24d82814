/**
 * The spots of a French `text` where a plain or wide no-break space stands for the narrow one
 * (U+202F) the project writes inside « » and before ; : ! ? — empty when the text is right.
 * Used by the typography tests of every table of French messages.
 */
export function typographyFaults(text: string): string[] {
  const spots = /« |«\u00a0|[ \u00a0]»|[ \u00a0][;:!](?![\w/=.-])|[ \u00a0]\?(?![\w/=.?-])/g;
  return [...text.matchAll(spots)].map((m) =>
    text.slice(Math.max(0, m.index - 12), m.index + m[0].length + 12),
  );
}
