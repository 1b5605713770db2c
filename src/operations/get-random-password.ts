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

/**
 * Message when the required types can't all fit in PasswordLength (moto's text, taken from an AWS
 * CLI error; AWS's code for it is InvalidParameterException).
 */
export const PASSWORD_TOO_SHORT = "Password length is too short based on the required types.";
/**
 * Message when nothing is left to draw from: every type switched off (and no space), or
 * ExcludeCharacters removing what the switches leave. Seen on AWS through CloudFormation's
 * GenerateSecretString (go-to-k/cdkd, measured 2026-09-14); the trailing period is inferred.
 */
export const PASSWORD_NO_CHARACTERS = "All characters have been excluded from selection.";
/**
 * Message when ExcludeCharacters removes every character of a type that RequireEachIncludedType
 * still requires. Seen on AWS through CloudFormation (go-to-k/cdkd, CDK projects' comments); the
 * trailing period is inferred.
 */
export const PASSWORD_REQUIRED_TYPE_EXCLUDED = "All characters of the desired type have been excluded.";

/**
 * A random password following GetRandomPassword's rules: length 32 by default; uppercase,
 * lowercase, digits and punctuation unless excluded, each required once with
 * RequireEachIncludedType (default true); the space is drawn from only with IncludeSpace and is
 * never a required type (the API reference lists the four types); characters in
 * ExcludeCharacters never used.
 *
 * Throws a `ServiceError` with code `InvalidParameterException` when the request can't be met,
 * checked in this order: a type that RequireEachIncludedType requires has lost every character to
 * ExcludeCharacters ("All characters of the desired type have been excluded."); nothing is left to
 * draw from ("All characters have been excluded from selection."); PasswordLength is shorter than
 * the number of required types ("Password length is too short based on the required types.").
 *
 * @param ids - randomness: `store.ids` (seeded when the store has a seed).
 */
export function generatePassword(options: PasswordOptions, ids: IdSource): string {
  const length = options.PasswordLength ?? DEFAULT_PASSWORD_LENGTH;
  const excluded = new Set(options.ExcludeCharacters ?? "");
  const requireEach = options.RequireEachIncludedType !== false;
  // The character sets are ASCII, so each UTF-16 unit is a whole character.
  const keep = (chars: string) =>
    chars
      .split("")
      .filter((c) => !excluded.has(c))
      .join("");
  const required: string[] = [];
  let emptiedType = false;
  for (const [chars, include] of [
    [UPPERCASE, options.ExcludeUppercase !== true],
    [LOWERCASE, options.ExcludeLowercase !== true],
    [DIGITS, options.ExcludeNumbers !== true],
    [PUNCTUATION, options.ExcludePunctuation !== true],
  ] as const) {
    if (!include) continue;
    const kept = keep(chars);
    if (kept === "") emptiedType = true;
    else required.push(kept);
  }
  const space = options.IncludeSpace === true ? keep(SPACE) : "";
  const all = required.join("") + space;
  // The order of the first two checks (a required type first) follows cdkd's reading of the
  // CloudFormation failures; AWS's own order, when both apply, is not recorded.
  if (requireEach && emptiedType) throw errors.invalidParameter(PASSWORD_REQUIRED_TYPE_EXCLUDED);
  if (all === "") throw errors.invalidParameter(PASSWORD_NO_CHARACTERS);
  if (requireEach && length < required.length) throw errors.invalidParameter(PASSWORD_TOO_SHORT);
  const out: string[] = [];
  if (requireEach) for (const g of required) out.push(g[ids.int(g.length)]);
  while (out.length < length) out.push(all[ids.int(all.length)]);
  // Fisher-Yates, so the required characters don't sit at the start.
  for (let i = out.length - 1; i > 0; i--) {
    const j = ids.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out.join("");
}

/** GetRandomPassword: `{RandomPassword}`. */
export function getRandomPassword(input: GetRandomPasswordRequest, ctx: OperationContext): GetRandomPasswordResponse {
  return { RandomPassword: generatePassword(input, ctx.store.ids) };
}
