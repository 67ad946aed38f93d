const KNOWN_NAMES: Readonly<Record<string, string>> = {
  trinet: 'TriNet',
  peoplehr: 'People HR',
  zenefits: 'Zenefits',
  frankly: '&frankly',
  alexishr: 'AlexisHR',
  lever: 'Lever',
};

/**
 * The display name used in fix texts when the caller gives none: a known vendor's own spelling, or the source id
 * with its first letter capitalised.
 *
 * @internal
 */
export function defaultSourceName(sourceId: string): string {
  const known = Object.hasOwn(KNOWN_NAMES, sourceId) ? KNOWN_NAMES[sourceId] : undefined;
  if (known !== undefined) return known;
  return sourceId === '' ? sourceId : sourceId.charAt(0).toUpperCase() + sourceId.slice(1);
}
