/**
 * The availability zone of each of `count` nodes, round-robin over `zones` in config order: the
 * first node (a writer, a primary) in the first zone, the next ones in the following zones, then
 * around again. Two nodes share a zone only when there are more nodes than zones.
 */
export function spreadOverZones(zones: readonly string[], count: number): string[] {
  if (zones.length === 0) throw new Error('spreadOverZones needs at least one availability zone');
  return Array.from({ length: count }, (_, index) => zones[index % zones.length]);
}
