/**
 * The short, stable part of an availability zone name used in construct ids:
 * `eu-west-1a` gives `a`. Ids keyed by zone letter survive reordering the zone list.
 */
export function zoneSuffix(zone: string): string {
  const match = /\d([a-z]+)$/.exec(zone);
  if (!match) throw new Error(`Expected an availability zone name such as eu-west-1a, got ${JSON.stringify(zone)}.`);
  return match[1];
}
