/**
 * `target[key] = value` as an own, enumerable data property, even where `key` is `"__proto__"`:
 * names that come from requests or users (tags, version ids, JSON members) are just names, and an
 * assignment to `__proto__` would change the object's prototype instead.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
