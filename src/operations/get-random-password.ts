/**
 * GetRandomPassword (reference/aws-behaviour.md §3.13, aws-api-facts.md §5.14), and the generator
 * the ready-made rotation function reuses.
 */
import type { GetRandomPasswordRequest, GetRandomPasswordResponse } from "@aws-sdk/client-secrets-manager";
import { errors } from "../errors.js";
import type { IdSource } from "../store/id-source.js";
import type { OperationContext } from "./context.js";

const UPPERCASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
/** The 32 ASCII punctuation characters (Python's `string.punctuation`). */
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const SPACE = " ";

/** Password length when none is asked for. */
export const DEFAULT_PASSWORD_LENGTH = 32;

/** The switches of GetRandomPassword, as the API names them. */
export type PasswordOptions = GetRandomPasswordRequest;

/** Message when the required types can't all fit, or nothing is left to draw from. */
export const PASSWORD_TOO_SHORT = "Password length is too short based on the required types.";
/** Message when every character is excluded. */
export const PASSWORD_NO_CHARACTERS = "The password can't be generated because every character type is excluded.";

/**
 * A random password following GetRandomPassword's rules: length 32 by default; uppercase,
 * lowercase, digits and punctuation unless excluded; space only with IncludeSpace; characters in
 * ExcludeCharacters never used; with RequireEachIncludedType (default true) at least one character
 * of every included type. Throws InvalidParameterException when the request can't be met.
 *
 * @param ids - randomness: `store.ids` (seeded when the store has a seed).
 */
export function generatePassword(options: PasswordOptions, ids: IdSource): string {
  const length = options.PasswordLength ?? DEFAULT_PASSWORD_LENGTH;
  const excluded = new Set(options.ExcludeCharacters ?? "");
  const groups: string[] = [];
  const add = (chars: string, include: boolean) => {
    if (!include) return;
    const kept = [...chars].filter((c) => !excluded.has(c)).join("");
    // A type whose every character is excluded can't be required: it simply drops out.
    if (kept !== "") groups.push(kept);
  };
  add(UPPERCASE, options.ExcludeUppercase !== true);
  add(LOWERCASE, options.ExcludeLowercase !== true);
  add(DIGITS, options.ExcludeNumbers !== true);
  add(PUNCTUATION, options.ExcludePunctuation !== true);
  add(SPACE, options.IncludeSpace === true);
  if (groups.length === 0) throw errors.invalidParameter(PASSWORD_NO_CHARACTERS);
  const requireEach = options.RequireEachIncludedType !== false;
  if (requireEach && length < groups.length) throw errors.invalidParameter(PASSWORD_TOO_SHORT);
  const all = groups.join("");
  const out: string[] = [];
  if (requireEach) for (const g of groups) out.push(g[ids.int(g.length)]!);
  while (out.length < length) out.push(all[ids.int(all.length)]!);
  // Fisher-Yates, so the required characters don't sit at the start.
  for (let i = out.length - 1; i > 0; i--) {
    const j = ids.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out.join("");
}

/** GetRandomPassword: `{RandomPassword}`. */
export function getRandomPassword(input: GetRandomPasswordRequest, ctx: OperationContext): GetRandomPasswordResponse {
  return { RandomPassword: generatePassword(input, ctx.store.ids) };
}
