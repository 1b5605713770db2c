/**
 * A store's default region and account follow the AWS SDK's own resolution. The region is held
 * equal to what a real `new SecretsManagerClient({})` resolves under the same environment and
 * shared files (the SDK's loader is the reference for the INI dialect).
 */
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { resolveDefaultAccountId, resolveDefaultRegion, warningsFromEnv } from "secrets-manager-mock/setup/store-defaults";
import { tempConfigFile, withEnv } from "../helpers/aws-env";

const NO_FILES = { AWS_CONFIG_FILE: "/nonexistent/config", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials" };

/** The region the SDK resolves for a client without one, or undefined when it finds none. */
async function sdkRegion(): Promise<string | undefined> {
  const client = new SecretsManagerClient({});
  try {
    return await client.config.region();
  } catch (e) {
    if (/Region is missing/.test((e as Error).message)) return undefined;
    throw e;
  } finally {
    client.destroy();
  }
}

interface Case {
  name: string;
  config?: string;
  credentials?: string;
  env?: Record<string, string>;
  /** What both should resolve (undefined: nothing, the store falls back to us-east-1). */
  expected: string | undefined;
}

const CASES: Case[] = [
  { name: "nothing configured", expected: undefined },
  {
    name: "AWS_REGION over the profile",
    env: { AWS_REGION: "eu-west-1" },
    config: "[default]\nregion = ap-south-1\n",
    expected: "eu-west-1",
  },
  { name: "[default] of the config file", config: "[default]\nregion = eu-north-1\n", expected: "eu-north-1" },
  {
    name: "[profile default] over [default]",
    config: "[default]\nregion = eu-north-1\n[profile default]\nregion = sa-east-1\n",
    expected: "sa-east-1",
  },
  {
    name: "AWS_PROFILE's [profile dev]",
    env: { AWS_PROFILE: "dev" },
    config: "[default]\nregion = eu-north-1\n[profile dev]\nregion = ca-central-1\n",
    expected: "ca-central-1",
  },
  {
    name: "a config section without the profile prefix is not a profile",
    env: { AWS_PROFILE: "dev" },
    config: "[dev]\nregion = ca-central-1\n",
    expected: undefined,
  },
  {
    name: "a profile without a region",
    env: { AWS_PROFILE: "dev" },
    config: "[default]\nregion = eu-north-1\n[profile dev]\noutput = json\n",
    expected: undefined,
  },
  {
    name: "the credentials file over the config file",
    config: "[default]\nregion = eu-north-1\n",
    credentials: "[default]\nregion = us-west-2\n",
    expected: "us-west-2",
  },
  {
    name: "comments after whitespace, CRLF lines",
    config: "; top\r\n[default]\r\n# note\r\nregion = eu-west-3 # trailing\r\n",
    expected: "eu-west-3",
  },
  { name: "no spaces around =", config: "[default]\nregion=eu-west-3\n", expected: "eu-west-3" },
  { name: "a key inside a sub-section is not the region", config: "[default]\ns3 =\n  region = eu-west-2\n", expected: undefined },
  {
    name: "a sub-section ends at an unindented line",
    config: "[default]\ns3 =\n  addressing_style = path\nregion = eu-west-2\n",
    expected: "eu-west-2",
  },
  { name: "a quoted profile name", env: { AWS_PROFILE: "dev" }, config: `[profile "dev"]\nregion = me-south-1\n`, expected: "me-south-1" },
  {
    name: "a file with a __proto__ section is ignored",
    config: "[default]\nregion = eu-north-1\n[__proto__]\nregion = x\n",
    expected: undefined,
  },
  { name: "the last of repeated keys", config: "[default]\nregion = eu-north-1\nregion = eu-south-1\n", expected: "eu-south-1" },
];

describe("the default region", () => {
  test.each(CASES)("$name: as the SDK resolves it", async ({ config, credentials, env, expected }) => {
    const vars = {
      ...NO_FILES,
      ...(config !== undefined && { AWS_CONFIG_FILE: tempConfigFile(config) }),
      ...(credentials !== undefined && { AWS_SHARED_CREDENTIALS_FILE: tempConfigFile(credentials) }),
      ...env,
    };
    await withEnv(vars, async () => {
      expect(await sdkRegion()).toBe(expected);
      expect(resolveDefaultRegion().value).toBe(expected ?? "us-east-1");
    });
  });

  test("SECRETS_MANAGER_MOCK_REGION wins over AWS_REGION; sources are named", () => {
    const file = tempConfigFile("[profile ci]\nregion = eu-central-2\n");
    expect(resolveDefaultRegion({ SECRETS_MANAGER_MOCK_REGION: "eu-west-2", AWS_REGION: "eu-west-1" })).toEqual({
      value: "eu-west-2",
      source: "env SECRETS_MANAGER_MOCK_REGION",
    });
    expect(resolveDefaultRegion({ AWS_REGION: "eu-west-1", AWS_CONFIG_FILE: file, AWS_PROFILE: "ci" })).toEqual({
      value: "eu-west-1",
      source: "env AWS_REGION",
    });
    expect(resolveDefaultRegion({ AWS_CONFIG_FILE: file, AWS_PROFILE: "ci", ...{ AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" } })).toEqual({
      value: "eu-central-2",
      source: "profile ci",
    });
    expect(resolveDefaultRegion({ ...NO_FILES, AWS_REGION: "" })).toEqual({ value: "us-east-1", source: "built-in" });
  });

  test("~/ in AWS_CONFIG_FILE is the home directory", () => {
    const file = tempConfigFile("[default]\nregion = af-south-1\n");
    expect(
      resolveDefaultRegion({ HOME: "/", AWS_CONFIG_FILE: `~/${file.slice(1)}`, AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" }).value,
    ).toBe("af-south-1");
    expect(resolveDefaultRegion({ HOME: file.slice(0, -"/config-x".length), AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" }).value).toBe(
      "us-east-1",
    );
  });
});

describe("the default account", () => {
  test("SECRETS_MANAGER_MOCK_ACCOUNT_ID, AWS_ACCOUNT_ID, the profile's aws_account_id, then 123456789012", () => {
    const file = tempConfigFile("[profile ci]\naws_account_id = 210987654321\n");
    const profile = { AWS_CONFIG_FILE: file, AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_PROFILE: "ci" };
    expect(
      resolveDefaultAccountId({ ...profile, AWS_ACCOUNT_ID: "111111111111", SECRETS_MANAGER_MOCK_ACCOUNT_ID: "222222222222" }).value,
    ).toBe("222222222222");
    expect(resolveDefaultAccountId({ ...profile, AWS_ACCOUNT_ID: "111111111111" }).value).toBe("111111111111");
    expect(resolveDefaultAccountId(profile)).toEqual({ value: "210987654321", source: "profile ci" });
    expect(resolveDefaultAccountId(NO_FILES)).toEqual({ value: "123456789012", source: "built-in" });
  });
});

test("warnings are on unless SECRETS_MANAGER_MOCK_WARNINGS is 0 or false", () => {
  expect(warningsFromEnv({})).toBe(true);
  expect(warningsFromEnv({ SECRETS_MANAGER_MOCK_WARNINGS: "1" })).toBe(true);
  expect(warningsFromEnv({ SECRETS_MANAGER_MOCK_WARNINGS: "0" })).toBe(false);
  expect(warningsFromEnv({ SECRETS_MANAGER_MOCK_WARNINGS: "false" })).toBe(false);
});
