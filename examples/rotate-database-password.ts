/**
 * Rotating a database password with the mock: `npx tsx examples/rotate-database-password.ts`.
 *
 * A pretend database accepts the current password and, during a grace period, the previous one
 * (like MySQL's RETAIN CURRENT PASSWORD). The ready `passwordRotationFunction` stands in for the
 * rotation Lambda: it generates a new password, sets it on the database (setSecret), checks it
 * (testSecret) and makes it AWSCURRENT (finishSecret). The application picks up the new
 * AWSCURRENT; a connection still holding the AWSPREVIOUS password keeps working. Then the clock
 * moves 30 days and the scheduled rotation runs.
 *
 * No network, no credentials. Exits non-zero if any check fails.
 */
import { strict as assert } from "node:assert";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, mockSecretsManager, passwordRotationFunction, runDueRotations } from "secrets-manager-mock";

/** A database with one user whose password can be changed, keeping the old one valid a while. */
class PretendDatabase {
  private current: string;
  private previous: string | undefined;
  constructor(initial: string) {
    this.current = initial;
  }
  changePassword(next: string): void {
    this.previous = this.current;
    this.current = next;
  }
  connect(user: string, password: string): string {
    if (user !== "app" || (password !== this.current && password !== this.previous)) throw new Error("access denied");
    return `connected as ${user}`;
  }
}

interface Credentials {
  host: string;
  username: string;
  password: string;
}

const ROTATION_LAMBDA = "arn:aws:lambda:eu-central-1:123456789012:function:rotate-orders-db";

async function main(): Promise<void> {
  const clock = new ManualClock(new Date("2024-06-01T08:00:00Z"));
  const client = new SecretsManagerClient({ region: "eu-central-1" });
  const { store } = mockSecretsManager(client, { seed: "rotation-example", clock });
  const database = new PretendDatabase("first-password");

  await client.send(
    new CreateSecretCommand({
      Name: "prod/orders/db",
      SecretString: JSON.stringify({ host: "orders.db.internal", username: "app", password: "first-password" }),
    }),
  );

  // The application: reads AWSCURRENT and connects.
  const readCredentials = async (stage = "AWSCURRENT"): Promise<Credentials> =>
    JSON.parse(
      (await client.send(new GetSecretValueCommand({ SecretId: "prod/orders/db", VersionStage: stage }))).SecretString!,
    ) as Credentials;
  const before = await readCredentials();
  console.log("before rotation:", database.connect(before.username, before.password));

  // The rotation "Lambda": the ready function, with the database steps filled in.
  store.registerRotationFunction(
    ROTATION_LAMBDA,
    passwordRotationFunction({
      password: { PasswordLength: 24, ExcludeCharacters: "\"'\\/@" },
      setSecret: (pending) => database.changePassword(String(pending.password)),
      testSecret: (pending) => {
        database.connect(String(pending.username), String(pending.password));
      },
    }),
  );

  const rotated = await client.send(
    new RotateSecretCommand({
      SecretId: "prod/orders/db",
      RotationLambdaARN: ROTATION_LAMBDA,
      RotationRules: { AutomaticallyAfterDays: 30 },
    }),
  );
  console.log("rotated to version", rotated.VersionId);
  assert.deepEqual(store.rotationFailures, [], "the rotation function failed");

  const after = await readCredentials();
  assert.notEqual(after.password, before.password, "AWSCURRENT must hold a new password");
  assert.equal(after.password.length, 24);
  assert.equal(after.host, "orders.db.internal", "other keys are kept");
  console.log("after rotation (AWSCURRENT):", database.connect(after.username, after.password));

  const previous = await readCredentials("AWSPREVIOUS");
  assert.equal(previous.password, before.password, "AWSPREVIOUS holds the old password");
  console.log("old connection (AWSPREVIOUS):", database.connect(previous.username, previous.password));

  const described = await client.send(new DescribeSecretCommand({ SecretId: "prod/orders/db" }));
  assert.equal(described.RotationEnabled, true);
  assert.deepEqual(described.RotationRules, { AutomaticallyAfterDays: 30 });
  assert.equal(described.VersionIdsToStages?.[rotated.VersionId!]?.join(), "AWSCURRENT");
  console.log("next rotation due:", described.NextRotationDate?.toISOString());

  // 30 days later the schedule comes round: run what is due.
  clock.advance({ days: 31 });
  const due = await runDueRotations(store);
  assert.equal(due.length, 1, "one scheduled rotation was due");
  const later = await readCredentials();
  assert.notEqual(later.password, after.password);
  assert.equal((await readCredentials("AWSPREVIOUS")).password, after.password);
  console.log("scheduled rotation:", database.connect(later.username, later.password));
  assert.throws(() => database.connect("app", before.password), /access denied/, "two rotations ago is no longer valid");
  console.log("all checks passed");
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
