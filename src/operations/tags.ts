/** Tag rules shared by CreateSecret and TagResource (reference/aws-api-facts.md §4). */
import { errors } from "../errors.js";
import type { TagRecord } from "../store/records.js";

/** Most tags a secret can carry (tags with the reserved `aws:` prefix don't count). */
export const MAX_TAGS_PER_SECRET = 50;

/** Texts of the tag errors. */
export const TagMessages = {
  /** CreateSecret's text (unverified on AWS). */
  reservedKey: "Invalid tag key. The aws: prefix is reserved for AWS use.",
  /** TagResource's text, seen from AWS (cloud-custodian/cloud-custodian#9093, 2023); UntagResource uses it too. */
  systemTag: (key: string) => `You can't modify system tags. Tag key: '${key}'.`,
} as const;

const isReserved = (key: string) => key.toLowerCase().startsWith("aws:");

/** Refuses tag keys with the reserved `aws:` prefix at creation. */
export function assertNoReservedKeys(keys: Iterable<string>): void {
  for (const key of keys) if (isReserved(key)) throw errors.invalidParameter(TagMessages.reservedKey);
}

/** Refuses changes to system tags (`aws:` keys) of an existing secret, naming the first such key. */
export function assertNoSystemTags(keys: Iterable<string>): void {
  for (const key of keys) if (isReserved(key)) throw errors.invalidParameter(TagMessages.systemTag(key));
}

/**
 * `existing` with `added` merged in: a key already present gets the new value and keeps its
 * place; new keys are appended in the order given. Checks the 50-tag limit before returning
 * (callers check the `aws:` keys first: CreateSecret and TagResource word that error differently).
 */
export function mergeTags(existing: readonly TagRecord[] | undefined, added: readonly { Key?: string; Value?: string }[]): TagRecord[] {
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
  const counted = merged.filter((t) => !isReserved(t.Key)).length;
  if (counted > MAX_TAGS_PER_SECRET) {
    throw errors.invalidParameter(`You can't add more than ${MAX_TAGS_PER_SECRET} tags to a secret.`);
  }
  return merged;
}
