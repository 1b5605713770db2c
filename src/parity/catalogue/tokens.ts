/** ClientRequestToken: idempotent retries with the same data, conflicts with other data, and its length rule. */
import { CreateSecretCommand, DescribeSecretCommand, PutSecretValueCommand, UpdateSecretCommand } from "@aws-sdk/client-secrets-manager";
import type { Scenario } from "../scenario.js";

const TOKEN_A = "aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa";
const TOKEN_B = "bbbbbbbb-2222-4222-8222-bbbbbbbbbbbb";

export const tokenScenarios: Scenario[] = [
  {
    name: "tokens/create-retry",
    tags: ["tokens", "create-secret"],
    description: "CreateSecret twice with the same token and value: the same answer, one version.",
    async run(ctx) {
      const input = { Name: ctx.name("app"), SecretString: "v1", ClientRequestToken: TOKEN_A };
      await ctx.must("create", new CreateSecretCommand(input));
      await ctx.send("create again, same token and value", new CreateSecretCommand(input));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: input.Name }));
    },
  },
  {
    name: "tokens/create-conflicts",
    tags: ["tokens", "create-secret", "errors"],
    description: "CreateSecret again with the same token and another value, and with a new token: ResourceExistsException, two texts.",
    async run(ctx) {
      const name = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: TOKEN_A }));
      await ctx.send("same token, other value", new CreateSecretCommand({ Name: name, SecretString: "v2", ClientRequestToken: TOKEN_A }));
      await ctx.send("new token", new CreateSecretCommand({ Name: name, SecretString: "v1", ClientRequestToken: TOKEN_B }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: name }));
    },
  },
  {
    name: "tokens/put-retry-and-conflict",
    tags: ["tokens", "put-secret-value", "errors"],
    description: "PutSecretValue with a token already used: same value answers the same version, another value is ResourceExistsException.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must("put", new PutSecretValueCommand({ SecretId: id, SecretString: "v2", ClientRequestToken: TOKEN_A }));
      await ctx.send("put again, same value", new PutSecretValueCommand({ SecretId: id, SecretString: "v2", ClientRequestToken: TOKEN_A }));
      await ctx.send(
        "put again, other value",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v3", ClientRequestToken: TOKEN_A }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "tokens/update-retry-and-conflict",
    tags: ["tokens", "update-secret", "errors"],
    description: "UpdateSecret with a token already used: same value is an idempotent retry, another value is ResourceExistsException.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must("update", new UpdateSecretCommand({ SecretId: id, SecretString: "v2", ClientRequestToken: TOKEN_B }));
      await ctx.send(
        "update again, same value",
        new UpdateSecretCommand({ SecretId: id, SecretString: "v2", ClientRequestToken: TOKEN_B }),
      );
      await ctx.send(
        "update again, other value",
        new UpdateSecretCommand({ SecretId: id, SecretString: "v3", ClientRequestToken: TOKEN_B }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "tokens/length",
    tags: ["tokens", "errors"],
    description: "A ClientRequestToken shorter than 32 characters is refused; 32 characters that are not a UUID are fine.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send(
        "put with a short token",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v2", ClientRequestToken: "short-token" }),
      );
      await ctx.send(
        "put with 32 letters",
        new PutSecretValueCommand({ SecretId: id, SecretString: "v2", ClientRequestToken: "a".repeat(32) }),
      );
    },
  },
];
