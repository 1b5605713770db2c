/**
 * What a store uses when its options leave something out: the region and account the AWS SDK
 * would use for a client that names none, so that fixtures and region-less clients meet. The
 * order is documented once, in docs/api.md ("Region and account resolution").
 */
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, type SecretsStoreOptions } from "../store/secrets-store.js";
import { activeProfileSettings, type ProfileSettings } from "./aws-shared-config.js";

/** Where a default came from, for messages that explain it. */
export type DefaultSource = `env ${string}` | `profile ${string}` | "built-in";

/** A resolved default and where it came from. */
export interface ResolvedDefault {
  value: string;
  source: DefaultSource;
}

function fromEnv(env: NodeJS.ProcessEnv, name: string): ResolvedDefault | undefined {
  const v = env[name];
  return v === undefined || v === "" ? undefined : { value: v, source: `env ${name}` };
}

function fromProfile(env: NodeJS.ProcessEnv, settings: () => ProfileSettings, key: string): ResolvedDefault | undefined {
  // A profile sets only some keys.
  const v = settings()[key] as string | undefined;
  return v === undefined || v === "" ? undefined : { value: v, source: `profile ${env.AWS_PROFILE || "default"}` };
}

/** Reads the shared files at most once per resolution, and only when the environment didn't answer. */
function lazySettings(env: NodeJS.ProcessEnv): () => ProfileSettings {
  let settings: ProfileSettings | undefined;
  return () => (settings ??= activeProfileSettings(env));
}

/**
 * The default region: `SECRETS_MANAGER_MOCK_REGION`, `AWS_REGION`, the active profile's `region`
 * in the shared credentials / config files, then `us-east-1`. (The SDK would ask the EC2
 * instance metadata service next; the mock never reaches the network.)
 */
export function resolveDefaultRegion(env: NodeJS.ProcessEnv = process.env, settings = lazySettings(env)): ResolvedDefault {
  return (
    fromEnv(env, "SECRETS_MANAGER_MOCK_REGION") ??
    fromEnv(env, "AWS_REGION") ??
    fromProfile(env, settings, "region") ?? { value: DEFAULT_REGION, source: "built-in" }
  );
}

/**
 * The default account: `SECRETS_MANAGER_MOCK_ACCOUNT_ID`, `AWS_ACCOUNT_ID`, the active profile's
 * `aws_account_id` (where the SDK's credential providers find an account), then `123456789012`.
 */
export function resolveDefaultAccountId(env: NodeJS.ProcessEnv = process.env, settings = lazySettings(env)): ResolvedDefault {
  return (
    fromEnv(env, "SECRETS_MANAGER_MOCK_ACCOUNT_ID") ??
    fromEnv(env, "AWS_ACCOUNT_ID") ??
    fromProfile(env, settings, "aws_account_id") ?? { value: DEFAULT_ACCOUNT_ID, source: "built-in" }
  );
}

/** Whether cross-partition warnings are on: anything but `SECRETS_MANAGER_MOCK_WARNINGS=0` (or `false`). */
export function warningsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.SECRETS_MANAGER_MOCK_WARNINGS?.trim().toLowerCase();
  return v !== "0" && v !== "false";
}

/** `options` with the region, account and warnings it leaves out taken from the environment (files read at most once). */
export function withStoreDefaults(options: SecretsStoreOptions, env: NodeJS.ProcessEnv = process.env): SecretsStoreOptions {
  const settings = lazySettings(env);
  return {
    ...options,
    region: options.region ?? resolveDefaultRegion(env, settings).value,
    accountId: options.accountId ?? resolveDefaultAccountId(env, settings).value,
    warnings: options.warnings ?? warningsFromEnv(env),
  };
}
