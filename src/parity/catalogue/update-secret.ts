/**
 * The AWS CLI's update-secret and put-secret-value examples, and the user guide's "Modify a
 * secret" steps (description, KMS key, tags, value, rotation settings without a Lambda, resource
 * policy), through the API.
 */
import {
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  ValidateResourcePolicyCommand,
} from "@aws-sdk/client-secrets-manager";
import type { Scenario } from "../scenario.js";

/** The account of a secret, read from its ARN (`arn:aws:secretsmanager:<region>:<account>:secret:…`). */
export function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

const MYCREDS = JSON.stringify({
  engine: "mysql",
  username: "saanvis",
  password: "EXAMPLE-PASSWORD",
  host: "my-database-endpoint.us-west-2.rds.amazonaws.com",
  dbname: "myDatabase",
  port: "3306",
});

export const updateSecretScenarios: Scenario[] = [
  {
    name: "cli/update-secret-description",
    tags: ["cli-examples", "update-secret"],
    description: "aws secretsmanager update-secret --description: ARN and Name, no VersionId; DescribeSecret shows the description.",
    async run(ctx) {
      const id = ctx.name("MyTestSecret");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "MyTestValue" }));
      await ctx.send(
        "update description",
        new UpdateSecretCommand({ SecretId: id, Description: "This is a new description for the secret." }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "cli/update-secret-kms-key",
    tags: ["cli-examples", "update-secret", "kms"],
    description: "aws secretsmanager update-secret --kms-key-id with the CLI example's key ARN (a key of another account).",
    async run(ctx) {
      const id = ctx.name("MyTestSecret");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "MyTestValue" }));
      await ctx.send(
        "update KMS key",
        new UpdateSecretCommand({ SecretId: id, KmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE" }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "cli/put-secret-value-json",
    tags: ["cli-examples", "put-secret-value", "versions"],
    description:
      "aws secretsmanager put-secret-value --secret-string with two key-value pairs: a new AWSCURRENT version, the old one AWSPREVIOUS.",
    async run(ctx) {
      const id = ctx.name("MyTestSecret");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "MyTestValue" }));
      await ctx.send("put", new PutSecretValueCommand({ SecretId: id, SecretString: '{"user":"diegor","password":"EXAMPLE-PASSWORD"}' }));
      await ctx.send("get", new GetSecretValueCommand({ SecretId: id }));
      await ctx.send("get AWSPREVIOUS", new GetSecretValueCommand({ SecretId: id, VersionStage: "AWSPREVIOUS" }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "cli/put-secret-value-file",
    tags: ["cli-examples", "put-secret-value"],
    description: "aws secretsmanager put-secret-value --secret-string file://mycreds.json: the JSON document round-trips.",
    async run(ctx) {
      const id = ctx.name("MyTestSecret");
      await ctx.must("create", new CreateSecretCommand({ Name: id }));
      await ctx.send("put", new PutSecretValueCommand({ SecretId: id, SecretString: MYCREDS }));
      const got = await ctx.send("get", new GetSecretValueCommand({ SecretId: id }));
      ctx.check("value round-trips", got?.SecretString === MYCREDS);
    },
  },
  {
    name: "modify/description-set-and-clear",
    tags: ["modify-secret", "update-secret"],
    description: "UpdateSecret sets a description, then an empty one; DescribeSecret after each.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1", Description: "first" }));
      await ctx.send("update description", new UpdateSecretCommand({ SecretId: id, Description: "second" }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("clear description", new UpdateSecretCommand({ SecretId: id, Description: "" }));
      await ctx.send("describe after clearing", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "modify/kms-key-managed-and-default",
    tags: ["modify-secret", "update-secret", "kms"],
    description: 'UpdateSecret KmsKeyId alias/aws/secretsmanager, then "" (back to the default key); DescribeSecret after each.',
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("use the managed key by alias", new UpdateSecretCommand({ SecretId: id, KmsKeyId: "alias/aws/secretsmanager" }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("back to the default", new UpdateSecretCommand({ SecretId: id, KmsKeyId: "" }));
      await ctx.send("describe after reset", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "modify/tags",
    tags: ["modify-secret", "tags"],
    description: "TagResource adds and overwrites tags, UntagResource removes one; DescribeSecret after each (empty answers).",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1", Tags: [{ Key: "team", Value: "core" }] }));
      await ctx.send(
        "tag two",
        new TagResourceCommand({
          SecretId: id,
          Tags: [
            { Key: "env", Value: "test" },
            { Key: "owner", Value: "parity" },
          ],
        }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("overwrite a value", new TagResourceCommand({ SecretId: id, Tags: [{ Key: "team", Value: "platform" }] }));
      await ctx.send("untag", new UntagResourceCommand({ SecretId: id, TagKeys: ["env", "not-there"] }));
      await ctx.send("describe after untag", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "modify/value-by-update-secret",
    tags: ["modify-secret", "update-secret", "versions"],
    description: "UpdateSecret with a value: a new version with AWSCURRENT, the old one AWSPREVIOUS and still readable.",
    async run(ctx) {
      const id = ctx.name("app");
      const created = await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1", Description: "kept" }));
      await ctx.send("update value", new UpdateSecretCommand({ SecretId: id, SecretString: "v2" }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("get AWSPREVIOUS", new GetSecretValueCommand({ SecretId: id, VersionStage: "AWSPREVIOUS" }));
      await ctx.send("get first version by id", new GetSecretValueCommand({ SecretId: id, VersionId: created.VersionId }));
    },
  },
  {
    name: "modify/value-and-description",
    tags: ["modify-secret", "update-secret"],
    description: "UpdateSecret with a value and a description at once, by full ARN.",
    async run(ctx) {
      const created = await ctx.must("create", new CreateSecretCommand({ Name: ctx.name("app"), SecretString: "v1" }));
      await ctx.send("update by ARN", new UpdateSecretCommand({ SecretId: created.ARN, SecretString: "v2", Description: "both" }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: created.ARN }));
    },
  },
  {
    name: "modify/update-nothing",
    tags: ["update-secret"],
    description: "UpdateSecret with only SecretId (the SDK adds a token): ARN and Name, no new version.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("update nothing", new UpdateSecretCommand({ SecretId: id }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "modify/rotation-without-lambda",
    tags: ["modify-secret", "rotation", "errors"],
    description: "RotateSecret with rules but no Lambda ARN: InvalidRequestException, and no rotation settings are stored.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send("rotate without a Lambda", new RotateSecretCommand({ SecretId: id, RotationRules: { AutomaticallyAfterDays: 30 } }));
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "modify/rotation-missing-lambda",
    tags: ["modify-secret", "rotation", "errors"],
    description: "RotateSecret naming a Lambda function that does not exist: AccessDeniedException, nothing stored.",
    async run(ctx) {
      const id = ctx.name("app");
      const created = await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      const lambda = `arn:aws:lambda:${ctx.region}:${accountOf(created.ARN ?? "")}:function:smm-parity-no-such-function`;
      await ctx.send(
        "rotate",
        new RotateSecretCommand({ SecretId: id, RotationLambdaARN: lambda, RotationRules: { AutomaticallyAfterDays: 30 } }),
      );
      await ctx.send("describe", new DescribeSecretCommand({ SecretId: id }));
      await ctx.send("cancel rotation never configured", new CancelRotateSecretCommand({ SecretId: id }));
    },
  },
  {
    name: "modify/resource-policy",
    tags: ["modify-secret", "resource-policy"],
    description: "Put, Get, Validate and Delete a resource policy that grants the secret's own account; Get after deleting.",
    async run(ctx) {
      const id = ctx.name("app");
      const created = await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      const policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${accountOf(created.ARN ?? "")}:root` },
            Action: "secretsmanager:DescribeSecret",
            Resource: "*",
          },
        ],
      });
      await ctx.send("get before any policy", new GetResourcePolicyCommand({ SecretId: id }));
      await ctx.send("validate", new ValidateResourcePolicyCommand({ SecretId: id, ResourcePolicy: policy }));
      await ctx.send("put", new PutResourcePolicyCommand({ SecretId: id, ResourcePolicy: policy }));
      const got = await ctx.send("get", new GetResourcePolicyCommand({ SecretId: id }));
      ctx.check(
        "policy round-trips as the same document",
        got?.ResourcePolicy !== undefined && JSON.stringify(JSON.parse(got.ResourcePolicy)) === policy,
      );
      await ctx.send("delete", new DeleteResourcePolicyCommand({ SecretId: id }));
      await ctx.send("get after delete", new GetResourcePolicyCommand({ SecretId: id }));
    },
  },
  {
    name: "modify/resource-policy-malformed",
    tags: ["modify-secret", "resource-policy", "errors"],
    description: "PutResourcePolicy with a Version that is not a policy language version: MalformedPolicyDocumentException.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.send(
        "put malformed",
        new PutResourcePolicyCommand({ SecretId: id, ResourcePolicy: '{"Version":"2019-10-19","Statement":[]}' }),
      );
      await ctx.send("put not JSON", new PutResourcePolicyCommand({ SecretId: id, ResourcePolicy: "not a policy" }));
    },
  },
];
