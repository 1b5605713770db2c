/** The errors a user provokes by naming things: missing secrets, invalid names, existing names, partial ARNs, bad values and tags. */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import type { Scenario } from "../scenario.js";

export const errorScenarios: Scenario[] = [
  {
    name: "errors/not-found",
    tags: ["errors"],
    description: "Every kind of call on a secret that does not exist: ResourceNotFoundException, HTTP 400, client fault.",
    async run(ctx) {
      const id = ctx.name("missing");
      await ctx.send("get", new GetSecretValueCommand({ SecretId: id }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("put", new PutSecretValueCommand({ SecretId: id, SecretString: "v" }));
      await ctx.send("update", new UpdateSecretCommand({ SecretId: id, Description: "d" }));
      await ctx.send("tag", new TagResourceCommand({ SecretId: id, Tags: [{ Key: "k", Value: "v" }] }));
      await ctx.send("list versions", new ListSecretVersionIdsCommand({ SecretId: id }));
    },
  },
  {
    name: "errors/invalid-name",
    tags: ["errors", "names"],
    description:
      "A name with a space or a star: ValidationException before any lookup, on CreateSecret and on calls by SecretId (a forced delete too).",
    async run(ctx) {
      await ctx.send("create with a space", new CreateSecretCommand({ Name: ctx.name("Inv Name"), SecretString: "v" }));
      await ctx.send("get with a star", new GetSecretValueCommand({ SecretId: ctx.name("Inv*Name?") }));
      await ctx.send("describe with a space", new DescribeSecretCommand({ SecretId: ctx.name(" Inv Name") }));
      await ctx.send("untag with a space", new UntagResourceCommand({ SecretId: ctx.name("Inv Name"), TagKeys: ["k"] }));
      await ctx.send("put with a space", new PutSecretValueCommand({ SecretId: ctx.name("Inv Name"), SecretString: "v" }));
      await ctx.send("update with a star", new UpdateSecretCommand({ SecretId: ctx.name("Inv*Name?"), Description: "d" }));
      await ctx.send(
        "force delete with a space",
        new DeleteSecretCommand({ SecretId: ctx.name("Inv Name"), ForceDeleteWithoutRecovery: true }),
      );
    },
  },
  {
    name: "errors/name-exists",
    tags: ["errors", "create-secret"],
    description: "CreateSecret with a name that exists: ResourceExistsException with the name in the message.",
    async run(ctx) {
      await ctx.must("create", new CreateSecretCommand({ Name: ctx.name("app"), SecretString: "v1" }));
      await ctx.send("create again", new CreateSecretCommand({ Name: ctx.name("app"), SecretString: "v2" }));
    },
  },
  {
    name: "errors/bad-values",
    tags: ["errors", "put-secret-value", "create-secret"],
    description:
      "Both SecretString and SecretBinary (CreateSecret, PutSecretValue, UpdateSecret): InvalidParameterException; PutSecretValue with no value or an empty string: InvalidRequestException.",
    async run(ctx) {
      await ctx.send(
        "create with both",
        new CreateSecretCommand({ Name: ctx.name("both"), SecretString: "s", SecretBinary: new Uint8Array([1]) }),
      );
      await ctx.must("create", new CreateSecretCommand({ Name: ctx.name("app"), SecretString: "v1" }));
      await ctx.send("put without a value", new PutSecretValueCommand({ SecretId: ctx.name("app") }));
      await ctx.send("put an empty string", new PutSecretValueCommand({ SecretId: ctx.name("app"), SecretString: "" }));
      await ctx.send(
        "put with both",
        new PutSecretValueCommand({ SecretId: ctx.name("app"), SecretString: "s", SecretBinary: new Uint8Array([1]) }),
      );
      await ctx.send(
        "update with both",
        new UpdateSecretCommand({ SecretId: ctx.name("app"), SecretString: "s", SecretBinary: new Uint8Array([1]) }),
      );
    },
  },
  {
    name: "errors/partial-arn",
    tags: ["names"],
    description:
      "A secret is found by full ARN and by partial ARN; a name that ends in -xxxxxx is found by name and full ARN, not by its partial ARN.",
    async run(ctx) {
      const plain = await ctx.must("create plain", new CreateSecretCommand({ Name: ctx.name("Valid/_+=.@-Name"), SecretString: "v" }));
      const tricky = await ctx.must(
        "create tricky",
        new CreateSecretCommand({ Name: ctx.name("Invalid/_+=.@-Name-a1b2c3"), SecretString: "v" }),
      );
      const partial = (arn: string | undefined) => (arn ?? "").slice(0, -7);
      await ctx.send("get by full ARN", new GetSecretValueCommand({ SecretId: plain.ARN }));
      await ctx.send("get by partial ARN", new GetSecretValueCommand({ SecretId: partial(plain.ARN) }));
      await ctx.send("get tricky by partial ARN", new GetSecretValueCommand({ SecretId: partial(tricky.ARN) }));
      await ctx.send("get tricky by full ARN", new GetSecretValueCommand({ SecretId: tricky.ARN }));
      await ctx.send("get tricky by name", new GetSecretValueCommand({ SecretId: ctx.name("Invalid/_+=.@-Name-a1b2c3") }));
    },
  },
  {
    name: "errors/system-tags",
    tags: ["errors", "tags"],
    description: "A tag key starting with aws: is refused by TagResource.",
    async run(ctx) {
      await ctx.must("create", new CreateSecretCommand({ Name: ctx.name("app"), SecretString: "v1" }));
      await ctx.send("tag aws:", new TagResourceCommand({ SecretId: ctx.name("app"), Tags: [{ Key: "aws:team", Value: "x" }] }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: ctx.name("app") }));
    },
  },
];
