/**
 * Commands as tests name them: a command class (`GetSecretValueCommand`) or an operation name
 * (`"GetSecretValue"`), with the SDK's own input and output types for each.
 */
import type * as SecretsManager from "@aws-sdk/client-secrets-manager";
import type { Command, MetadataBearer } from "@smithy/types";
import { isOperationName, type OperationName } from "../operations/shapes.js";

/** A command class such as `GetSecretValueCommand`, with its input and output types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SdkCommandClass<I extends object = any, O extends MetadataBearer = any> = new (input: I) => Command<any, I, any, O, any>;

/** The SDK's `XxxCommandInput` of operation `Op`. */
export type OperationInput<Op extends OperationName> =
  (typeof SecretsManager)[`${Op}Command`] extends SdkCommandClass<infer I, MetadataBearer> ? I : never;

/** The SDK's `XxxCommandOutput` of operation `Op`. */
export type OperationOutput<Op extends OperationName> =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any input: only the output is inferred
  (typeof SecretsManager)[`${Op}Command`] extends SdkCommandClass<any, infer O> ? O : never;

/** A command class or an operation name, as the matchers and call history accept them. */
export type CommandRef = OperationName | (string & {}) | { readonly name: string };

/** The operation a command class or name stands for: `GetSecretValueCommand` and `"GetSecretValue"` both give `GetSecretValue`. */
export function operationOf(command: CommandRef, who: string): OperationName {
  const name =
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- plain-JavaScript callers can pass null
    typeof command === "string" ? command : typeof command === "function" || typeof command === "object" ? command?.name : undefined;
  if (typeof name !== "string" || name === "") throw new TypeError(`${who}: expected a command class or an operation name`);
  const operation = name.endsWith("Command") ? name.slice(0, -"Command".length) : name;
  if (!isOperationName(operation)) throw new TypeError(`${who}: ${name} is not a Secrets Manager command`);
  return operation;
}
