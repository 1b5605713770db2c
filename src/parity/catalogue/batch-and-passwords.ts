/** BatchGetSecretValue (by ids, by filters, its argument rules) and GetRandomPassword's rules. */
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  GetRandomPasswordCommand,
  type GetRandomPasswordCommandInput,
  ListSecretsCommand,
} from "@aws-sdk/client-secrets-manager";
import type { Scenario } from "../scenario.js";

export const batchScenarios: Scenario[] = [
  {
    name: "batch/by-id-list",
    tags: ["batch-get-secret-value"],
    description:
      "BatchGetSecretValue by SecretIdList: values of readable secrets, Errors for a missing one, one without a value and one scheduled for deletion.",
    async run(ctx) {
      await ctx.must("create a", new CreateSecretCommand({ Name: ctx.name("a"), SecretString: "va" }));
      await ctx.must("create b", new CreateSecretCommand({ Name: ctx.name("b"), SecretBinary: new Uint8Array([1, 2, 3]) }));
      await ctx.must("create empty", new CreateSecretCommand({ Name: ctx.name("empty") }));
      await ctx.must("create deleted", new CreateSecretCommand({ Name: ctx.name("deleted"), SecretString: "vd" }));
      await ctx.must("schedule deletion", new DeleteSecretCommand({ SecretId: ctx.name("deleted"), RecoveryWindowInDays: 7 }));
      await ctx.send(
        "batch get",
        new BatchGetSecretValueCommand({ SecretIdList: ["a", "b", "missing", "empty", "deleted"].map((n) => ctx.name(n)) }),
      );
    },
  },
  {
    name: "batch/by-filters",
    tags: ["batch-get-secret-value", "filters"],
    description: "BatchGetSecretValue by Filters returns the current values of the matching secrets.",
    async run(ctx) {
      await ctx.must("create a", new CreateSecretCommand({ Name: ctx.name("a"), SecretString: "va" }));
      await ctx.must("create b", new CreateSecretCommand({ Name: ctx.name("b"), SecretString: "vb" }));
      await ctx.eventually(
        "list (waits for the listing)",
        new ListSecretsCommand({ Filters: [{ Key: "name", Values: [ctx.prefix] }] }),
        (o) => o?.SecretList?.length === 2,
      );
      await ctx.send("batch get by name prefix", new BatchGetSecretValueCommand({ Filters: [{ Key: "name", Values: [ctx.prefix] }] }));
    },
  },
  {
    name: "batch/argument-errors",
    tags: ["batch-get-secret-value", "errors"],
    description: "BatchGetSecretValue with both SecretIdList and Filters, and with MaxResults but no Filters: InvalidParameterException.",
    async run(ctx) {
      await ctx.send(
        "both ids and filters",
        new BatchGetSecretValueCommand({ SecretIdList: [ctx.name("a")], Filters: [{ Key: "name", Values: [ctx.prefix] }] }),
      );
      await ctx.send("MaxResults without Filters", new BatchGetSecretValueCommand({ SecretIdList: [ctx.name("a")], MaxResults: 5 }));
    },
  },
];

function password(name: string, description: string, input: GetRandomPasswordCommandInput, excluded = ""): Scenario {
  return {
    name,
    tags: ["get-random-password"],
    description,
    async run(ctx) {
      const out = await ctx.send("get random password", new GetRandomPasswordCommand(input));
      if (excluded !== "" && out?.RandomPassword !== undefined) {
        ctx.check(
          "no excluded character",
          Array.from(out.RandomPassword).every((c) => !excluded.includes(c)),
        );
      }
    },
  };
}

export const passwordScenarios: Scenario[] = [
  password(
    "password/defaults",
    "GetRandomPassword without options: 32 characters with upper case, lower case, digits and punctuation.",
    {},
  ),
  password(
    "password/exclude-characters",
    "PasswordLength 120 with ExcludeCharacters xyzDje@?!.: 120 characters, none of them excluded.",
    { PasswordLength: 120, ExcludeCharacters: "xyzDje@?!." },
    "xyzDje@?!.",
  ),
  password("password/digits-only", "Only digits left (upper, lower and punctuation excluded), length 12.", {
    PasswordLength: 12,
    ExcludeUppercase: true,
    ExcludeLowercase: true,
    ExcludePunctuation: true,
  }),
  {
    name: "password/errors",
    tags: ["get-random-password", "errors"],
    description: "GetRandomPassword too short for the required types, longer than 4096, and with every type excluded.",
    async run(ctx) {
      await ctx.send("length 3 with four required types", new GetRandomPasswordCommand({ PasswordLength: 3 }));
      await ctx.send("length 4097", new GetRandomPasswordCommand({ PasswordLength: 4097 }));
      await ctx.send("length 0", new GetRandomPasswordCommand({ PasswordLength: 0 }));
      await ctx.send(
        "every type excluded",
        new GetRandomPasswordCommand({ ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true }),
      );
    },
  },
];
