import {
  formulaReferences,
  parseFormula,
  placeWithin,
  type IndicatorDefinition,
  type IndicatorSource,
} from '@jalon/domain';

type PlacedSource = Extract<
  IndicatorSource,
  { kind: 'activities' | 'participation' | 'incidents' }
>;

const withPlaces = (source: PlacedSource, places: string[]): IndicatorSource => ({
  ...source,
  filter: { ...source.filter, places },
});

/**
 * Where an indicator is counted: within a region (its place path), or outside every one of a
 * list of regions (what a per-region export sends to its « outside » org unit).
 */
export type PlaceScope = string | { outside: readonly string[] };

/**
 * An indicator's source counted within a region: its place filter narrowed to the region (the
 * places it already names that lie in the region, or the region itself when it lies within one of
 * them); outside regions: its filter with `notWithin` those regions (nothing when every place it
 * names lies in one of them). `none` when the indicator counts nothing there; null when its source
 * has no place (manual entries, scores, products, or a formula over one of those).
 * @example regionalSource({ kind: 'activities', measure: 'count' }, 'ml/mopti') // { kind: 'activities', measure: 'count', filter: { places: ['ml/mopti'] } }
 */
export function regionalSource(
  source: IndicatorSource,
  scope: PlaceScope,
): IndicatorSource | 'none' | null {
  if (
    source.kind !== 'activities' &&
    source.kind !== 'participation' &&
    source.kind !== 'incidents'
  )
    return null;
  const named = source.filter?.places ?? [];
  if (typeof scope !== 'string') {
    const regions = [...scope.outside];
    if (named.length > 0 && named.every((p) => regions.some((r) => placeWithin(p, r))))
      return 'none';
    return {
      ...source,
      filter: { ...source.filter, notWithin: [...(source.filter?.notWithin ?? []), ...regions] },
    };
  }
  const region = scope;
  const places =
    named.length === 0
      ? [region]
      : [
          ...named.filter((p) => placeWithin(p, region)),
          ...(named.some((p) => placeWithin(region, p) && p !== region) ? [region] : []),
        ];
  if (places.length === 0) return 'none';
  return withPlaces(source, places);
}

/**
 * Whether an indicator can be counted by place: a source with places, or a formula whose every
 * operand can (recursively; a cycle cannot).
 */
export function countableByPlace(
  code: string,
  definitions: readonly IndicatorDefinition[],
  seen: ReadonlySet<string> = new Set(),
): boolean {
  const d = definitions.find((x) => x.code === code);
  if (!d || seen.has(code)) return false;
  if (d.source.kind !== 'formula') return regionalSource(d.source, 'x/y') !== null;
  const parsed = parseFormula(d.source.expression);
  if (!parsed.ok) return false;
  const next = new Set([...seen, code]);
  return formulaReferences(parsed.value).every((r) => countableByPlace(r, definitions, next));
}

/**
 * Every definition counted within a region, or outside regions (a formula then reads its operands there too);
 * those that cannot be, unchanged — callers keep only the values of {@link countableByPlace} ones.
 * An indicator that counts nothing in the region keeps a filter no place matches.
 */
export function definitionsWithin(
  definitions: readonly IndicatorDefinition[],
  scope: PlaceScope,
): IndicatorDefinition[] {
  return definitions.map((d) => {
    const source = regionalSource(d.source, scope);
    if (source === null) return d;
    // A path no place can have stands for « nowhere »: the indicator counts nothing in the region.
    if (source === 'none') return { ...d, source: withPlaces(d.source as PlacedSource, ['/']) };
    return { ...d, source };
  });
}
