/** Store options from environment variables, for `secrets-manager-mock/register` and other entry points. */
import * as path from "node:path";
import type { SecretsStoreOptions } from "../store/secrets-store.js";
import { warningsFromEnv } from "./store-defaults.js";

/** Store options from `SECRETS_MANAGER_MOCK_*` environment variables (paths relative to the working directory). */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): SecretsStoreOptions {
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v === "" ? undefined : v;
  };
  const state = value("SECRETS_MANAGER_MOCK_STATE");
  const fixtures = value("SECRETS_MANAGER_MOCK_FIXTURES");
  const seed = value("SECRETS_MANAGER_MOCK_SEED");
  const region = value("SECRETS_MANAGER_MOCK_REGION");
  const accountId = value("SECRETS_MANAGER_MOCK_ACCOUNT_ID");
  const warnings = value("SECRETS_MANAGER_MOCK_WARNINGS");
  return {
    ...(state !== undefined && { persist: { path: path.resolve(cwd, state) } }),
    ...(fixtures !== undefined && { fixtures: path.resolve(cwd, fixtures) }),
    ...(seed !== undefined && { seed }),
    ...(region !== undefined && { region }),
    ...(accountId !== undefined && { accountId }),
    ...(warnings !== undefined && { warnings: warningsFromEnv(env) }),
  };
}
