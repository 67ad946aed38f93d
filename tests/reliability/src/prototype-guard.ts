/**
 * Detects prototype pollution: a snapshot of the built-in prototypes' own properties, compared after a case ran.
 */

const WATCHED: readonly [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Map.prototype', Map.prototype],
  ['Error.prototype', Error.prototype],
];

/** The built-in prototypes' own properties, by name and value. */
export type PrototypeSnapshot = Map<string, Map<PropertyKey, PropertyDescriptor>>;

/** Takes a snapshot of the built-in prototypes. */
export function snapshotPrototypes(): PrototypeSnapshot {
  const out: PrototypeSnapshot = new Map();
  for (const [name, proto] of WATCHED) {
    const props = new Map<PropertyKey, PropertyDescriptor>();
    for (const key of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (descriptor) props.set(key, descriptor);
    }
    out.set(name, props);
  }
  return out;
}

/** What changed on the built-in prototypes since a snapshot (empty when nothing did). */
export function prototypeChanges(before: PrototypeSnapshot): string[] {
  const changes: string[] = [];
  const after = snapshotPrototypes();
  for (const [name, props] of after) {
    const old = before.get(name) ?? new Map();
    for (const [key, descriptor] of props) {
      const was = old.get(key);
      if (!was) changes.push(`${name}.${String(key)} was added`);
      else if (was.value !== descriptor.value || was.get !== descriptor.get || was.set !== descriptor.set)
        changes.push(`${name}.${String(key)} was changed`);
    }
    for (const key of old.keys()) if (!props.has(key)) changes.push(`${name}.${String(key)} was deleted`);
  }
  // A plain object must not inherit anything a payload could have planted.
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'admin']) {
    if (probe[key] !== undefined) changes.push(`({}).${key} is ${JSON.stringify(probe[key])}`);
  }
  return changes;
}

/** Puts the built-in prototypes back as they were (so one polluting case cannot break the cases after it). */
export function restorePrototypes(before: PrototypeSnapshot): void {
  for (const [name, proto] of WATCHED) {
    const old = before.get(name) ?? new Map();
    for (const key of Reflect.ownKeys(proto)) {
      if (!old.has(key)) Reflect.deleteProperty(proto, key);
    }
    for (const [key, descriptor] of old) {
      const now = Object.getOwnPropertyDescriptor(proto, key);
      if (!now || now.value !== descriptor.value) Object.defineProperty(proto, key, descriptor);
    }
  }
}
