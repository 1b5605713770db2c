/**
 * ListSecrets / BatchGetSecretValue filters (reference/aws-api-facts.md §5.10,
 * reference/aws-behaviour.md §3.7): which secrets a `Filters` list keeps.
 *
 * - Filters are ANDed, even two with the same key; the values inside one filter are ORed.
 * - A value starting with `!` matches the secrets its positive form does not match.
 * - `name`, `tag-key`, `tag-value`, `primary-region`: case-sensitive prefix of the attribute.
 * - `description`, `owning-service`, `all`: the value is split at whitespace into terms, and every
 *   term must be a case-insensitive prefix of some word of one attribute (AWS-observed for
 *   description/all); attributes are split into words by {@link splitWords}.
 */
import type { Filter } from "@aws-sdk/client-secrets-manager";
import { errors } from "../errors.js";
import type { SecretRecord } from "../store/records.js";

/** A compiled filter list: true when the secret is kept. */
export type SecretPredicate = (secret: SecretRecord) => boolean;

/** The filter keys the model allows. */
export type FilterKey = "description" | "name" | "tag-key" | "tag-value" | "primary-region" | "owning-service" | "all";

const SEPARATORS = ["/", "-", "_", "+", "=", ".", "@"] as const;
const HUMP = /([^a-z][a-z]+)/;

/** Splits at a lowercase run that follows a non-lowercase character: `SecretOne` → `Secret`, `One`. */
function splitHumps(part: string, out: string[]): void {
  for (const piece of part.split(HUMP)) {
    const word = piece.trim();
    if (word !== "") out.push(word);
  }
}

/**
 * The words AWS's word search sees in `text`: split at one kind of separator (`/ - _ + = . @`),
 * whitespace and camel-case humps. Text mixing two different separators stays one word, and a
 * bare separator has no words at all — both quirks observed on AWS (moto's AWS-verified tests).
 */
export function splitWords(text: string): string[] {
  if ((SEPARATORS as readonly string[]).includes(text)) return [];
  const present = SEPARATORS.filter((c) => text.includes(c));
  if (present.length > 1) return [text];
  const parts = present.length === 1 ? text.split(present[0]) : [text];
  const out: string[] = [];
  for (const part of parts) splitHumps(part, out);
  return out;
}

/** What a filter key looks at. */
function attributes(key: FilterKey, s: SecretRecord): readonly string[] {
  switch (key) {
    case "name":
      return [s.name];
    case "description":
      return s.description ? [s.description] : [];
    case "tag-key":
      return s.tags?.map((t) => t.Key) ?? [];
    case "tag-value":
      return s.tags?.map((t) => t.Value) ?? [];
    case "primary-region":
      return s.primaryRegion !== undefined ? [s.primaryRegion] : [];
    case "owning-service":
      return s.owningService !== undefined ? [s.owningService] : [];
    case "all": {
      const out = [s.name];
      if (s.description) out.push(s.description);
      for (const t of s.tags ?? []) out.push(t.Key);
      for (const t of s.tags ?? []) out.push(t.Value);
      return out;
    }
  }
}

const WORD_KEYS: ReadonlySet<FilterKey> = new Set(["description", "owning-service", "all"]);

/**
 * True when the search term `term` (one whitespace-separated piece of a filter value) is found
 * among `words` (lowercased): as a prefix of one word, or, split into words itself, each of its
 * words a prefix of some word (so `SecretOne` finds `Secret` + `One`, `A` finds `a`).
 */
function termFound(term: string, words: readonly string[]): boolean {
  const lower = term.toLowerCase();
  if (words.some((w) => w.startsWith(lower))) return true;
  const parts = splitWords(term);
  return parts.length > 1 && parts.every((p) => words.some((w) => w.startsWith(p.toLowerCase())));
}

/** A matcher for one positive filter value. */
function valueMatcher(key: FilterKey, value: string): SecretPredicate {
  // The commonest filter, kept allocation-free: a listing walk applies it to every secret.
  if (key === "name") return (s) => s.name.startsWith(value);
  if (!WORD_KEYS.has(key)) return (s) => attributes(key, s).some((a) => a.startsWith(value));
  const terms = value.split(/\s+/).filter((t) => t !== "");
  if (terms.length === 0) return () => false;
  return (s) =>
    attributes(key, s).some((a) => {
      const words = splitWords(a).map((w) => w.toLowerCase());
      return terms.every((t) => termFound(t, words));
    });
}

/**
 * Compiles a `Filters` list into one predicate. Throws InvalidParameterException for a filter
 * without a key or values (the model leaves both optional; AWS's text for this is unverified).
 */
export function compileFilters(filters: readonly Filter[] | undefined): CompiledFilters | undefined {
  if (filters === undefined || filters.length === 0) return undefined;
  const compiled = filters.map((f) => {
    if (f.Key === undefined || f.Values === undefined) {
      throw errors.invalidParameter("Invalid filter: every filter needs a Key and at least one value in Values.");
    }
    const key = f.Key;
    const alternatives = f.Values.map((raw): SecretPredicate => {
      if (!raw.startsWith("!")) return valueMatcher(key, raw);
      const positive = valueMatcher(key, raw.slice(1));
      return (s) => !positive(s);
    });
    return (s: SecretRecord) => alternatives.some((m) => m(s));
  });
  const predicate: CompiledFilters = (s) => compiled.every((m) => m(s));
  if (filters.every((f) => f.Key === "name")) {
    // The same test on the name alone: a listing checks it against the names it keeps in order,
    // without fetching every secret's record (the cost of a filtered walk over a large store).
    // The name is the one starting at `at` in `text`, ended by NUL, which no filter value holds:
    // a prefix test can't run past it.
    const byName = filters.map((f) => {
      const alternatives = f.Values!.map((raw): NameTest => {
        if (!raw.startsWith("!")) return (text, at) => text.startsWith(raw, at);
        const value = raw.slice(1);
        return (text, at) => !text.startsWith(value, at);
      });
      return (text: string, at: number) => alternatives.some((m) => m(text, at));
    });
    predicate.byName = (text, at) => byName.every((m) => m(text, at));
  }
  return predicate;
}

/** A test of the name starting at `at` in `text` (names there are each ended by NUL). */
export type NameTest = (text: string, at: number) => boolean;

/** A compiled `Filters` list; `byName` is the same test on a name alone, when only names are filtered. */
export interface CompiledFilters {
  (s: SecretRecord): boolean;
  byName?: NameTest;
}
