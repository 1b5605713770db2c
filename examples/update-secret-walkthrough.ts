/**
 * `npm start`: the AWS CLI / user-guide examples for modifying a secret, run through a real
 * SecretsManagerClient with the mock in front of it. No network, no credentials.
 *
 * Each step prints the command the guide shows, then the SDK's output (as the CLI would print it).
 * The program checks every output and exits non-zero if one is not what AWS returns.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { strict as assert } from "node:assert";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, mockSecretsManager } from "secrets-manager-mock";

const client = new SecretsManagerClient({ region: "us-west-2" });
const clock = new ManualClock(new Date("2024-05-01T09:00:00Z"));
// A seed makes VersionIds and the ARN suffix the same on every run.
const mock = mockSecretsManager(client, { seed: "walkthrough", clock });

/** Prints like the CLI: the output members as JSON, without the SDK's $metadata. */
function show(title: string, command: string, output: object): void {
  const members: { $metadata?: unknown } = { ...output };
  delete members.$metadata;
  console.log(`\n=== ${title}\n$ ${command}\n${JSON.stringify(members, null, 4)}`);
}

async function main(): Promise<void> {
  const created = await client.send(
    new CreateSecretCommand({ Name: "MyTestSecret", SecretString: '{"user":"diegor","password":"EXAMPLE-PASSWORD-0"}' }),
  );
  show("Setup: create the secret the examples modify", "aws secretsmanager create-secret --name MyTestSecret --secret-string ...", created);
  assert.match(created.ARN!, /^arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-[A-Za-z0-9]{6}$/);
  clock.advance({ minutes: 15 });

  const described = await client.send(
    new UpdateSecretCommand({ SecretId: "MyTestSecret", Description: "This is a new description for the secret." }),
  );
  show(
    "Example 1: update the description of a secret",
    'aws secretsmanager update-secret --secret-id MyTestSecret --description "This is a new description for the secret."',
    described,
  );
  assert.deepEqual(
    Object.keys(described).filter((k) => k !== "$metadata"),
    ["ARN", "Name"],
  );
  clock.advance({ minutes: 15 });

  const kmsKeyId = "arn:aws:kms:us-west-2:123456789012:key/EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE";
  const rekeyed = await client.send(new UpdateSecretCommand({ SecretId: "MyTestSecret", KmsKeyId: kmsKeyId }));
  show(
    "Example 2: update the encryption key associated with a secret",
    `aws secretsmanager update-secret --secret-id MyTestSecret --kms-key-id ${kmsKeyId}`,
    rekeyed,
  );
  assert.deepEqual(
    Object.keys(rekeyed).filter((k) => k !== "$metadata"),
    ["ARN", "Name"],
  );
  clock.advance({ minutes: 15 });

  const put = await client.send(
    new PutSecretValueCommand({ SecretId: "MyTestSecret", SecretString: '{"user":"diegor","password":"EXAMPLE-PASSWORD"}' }),
  );
  show(
    "Example 3: store a new secret value in a secret",
    `aws secretsmanager put-secret-value --secret-id MyTestSecret --secret-string "{\\"user\\":\\"diegor\\",\\"password\\":\\"EXAMPLE-PASSWORD\\"}"`,
    put,
  );
  assert.deepEqual(put.VersionStages, ["AWSCURRENT"]);
  clock.advance({ minutes: 15 });

  const fromFile = await client.send(
    new PutSecretValueCommand({ SecretId: "MyTestSecret", SecretString: readFileSync(join(__dirname, "mycreds.json"), "utf8") }),
  );
  show(
    "Example 4: store a new secret value from credentials in a JSON file",
    "aws secretsmanager put-secret-value --secret-id MyTestSecret --secret-string file://mycreds.json",
    fromFile,
  );
  assert.deepEqual(fromFile.VersionStages, ["AWSCURRENT"]);

  const current = await client.send(new GetSecretValueCommand({ SecretId: "MyTestSecret" }));
  show("Read it back (AWSCURRENT)", "aws secretsmanager get-secret-value --secret-id MyTestSecret", current);
  assert.equal((JSON.parse(current.SecretString!) as { username: string }).username, "saanvis");
  assert.equal(current.VersionId, fromFile.VersionId);

  const previous = await client.send(new GetSecretValueCommand({ SecretId: "MyTestSecret", VersionStage: "AWSPREVIOUS" }));
  show(
    "The old value is still there (AWSPREVIOUS)",
    "aws secretsmanager get-secret-value --secret-id MyTestSecret --version-stage AWSPREVIOUS",
    previous,
  );
  assert.equal((JSON.parse(previous.SecretString!) as { user: string }).user, "diegor");
  assert.equal(previous.VersionId, put.VersionId);

  const description = await client.send(new DescribeSecretCommand({ SecretId: "MyTestSecret" }));
  show("Describe the secret", "aws secretsmanager describe-secret --secret-id MyTestSecret", description);
  assert.equal(description.Description, "This is a new description for the secret.");
  assert.equal(description.KmsKeyId, kmsKeyId);
  assert.deepEqual(description.VersionIdsToStages, {
    [put.VersionId!]: ["AWSPREVIOUS"],
    [fromFile.VersionId!]: ["AWSCURRENT"],
  });

  mock.restore();
  console.log("\nAll walkthrough outputs match what AWS returns.");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
