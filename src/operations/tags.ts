/** Tag rules shared by CreateSecret and TagResource (reference/aws-api-facts.md §4). */
import { errors } from "../errors.js";
import type { TagRecord } from "../store/records.js";

/** Most tags a secret can carry (tags with the reserved `aws:` prefix don't count). */
export const MAX_TAGS_PER_SECRET = 50;

/** Refuses tag keys with the reserved `aws:` prefix (they can't be added, edited or removed). */
export function assertNoReservedKeys(keys: Iterable<string>): void {
  for (const key of keys) {
    if (key.toLowerCase().startsWith("aws:")) {
      throw errors.invalidParameter("Invalid tag key. The aws: prefix is reserved for AWS use.");
    }
  }
}

/**
 * `existing` with `added` merged in: a key already present gets the new value and keeps its
 * place; new keys are appended in the order given. Checks the 50-tag limit before returning.
 */
export function mergeTags(existing: readonly TagRecord[] | undefined, added: readonly { Key?: string; Value?: string }[]): TagRecord[] {
  assertNoReservedKeys(added.map((t) => t.Key ?? ""));
  const merged = (existing ?? []).map((t) => ({ ...t }));
  const index = new Map(merged.map((t, i) => [t.Key, i]));
  for (const t of added) {
    const key = t.Key!;
    const value = t.Value ?? "";
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, merged.length);
      merged.push({ Key: key, Value: value });
    } else {
      merged[at] = { Key: key, Value: value };
    }
  }
  const counted = merged.filter((t) => !t.Key.toLowerCase().startsWith("aws:")).length;
  if (counted > MAX_TAGS_PER_SECRET) {
    throw errors.invalidParameter(`You can't add more than ${MAX_TAGS_PER_SECRET} tags to a secret.`);
  }
  return merged;
}
