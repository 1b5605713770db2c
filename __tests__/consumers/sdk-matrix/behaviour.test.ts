/**
 * Behaviour that must hold on every SDK version in the matrix, through both ways in. The driver
 * (../consumers.test.ts) runs this file, with some of the main behaviour suites, once per
 * version: `@aws-sdk/client-secrets-manager` and `secrets-manager-mock` are mapped to that
 * version and to the packed tarball installed beside it. Assertions stay on what every version
 * shares: SDK 3.300's own deserializer leaves absent members as `undefined` keys, and older
 * versions serialize only the members their model knows.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  TagResourceCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, passwordRotationFunction } from "secrets-manager-mock";
import { failure } from "../../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../../helpers/ways-in";

const T0 = new Date("2024-03-01T10:30:00Z");
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:rotate";

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("SDK matrix via %s", (_name, way: WayIn) => {
  test("create, read by stage, put: AWSCURRENT moves and AWSPREVIOUS follows", async () => {
    const { client } = setup(way, { seed: 1, clock: new ManualClock(T0) });
    const created = await client.send(new CreateSecretCommand({ Name: "app/db", SecretString: "v1" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/db-[A-Za-z0-9]{6}$/);
    expect(created.$metadata.httpStatusCode).toBe(200);
    await client.send(new PutSecretValueCommand({ SecretId: "app/db", SecretString: "v2" }));
    expect((await client.send(new GetSecretValueCommand({ SecretId: created.ARN }))).SecretString).toBe("v2");
    const previous = await client.send(new GetSecretValueCommand({ SecretId: "app/db", VersionStage: "AWSPREVIOUS" }));
    expect(previous.SecretString).toBe("v1");
    expect(previous.VersionId).toBe(created.VersionId);
    expect(previous.CreatedDate).toEqual(T0);
    const versions = await client.send(new ListSecretVersionIdsCommand({ SecretId: "app/db" }));
    expect(versions.Versions!.map((v) => v.VersionStages).sort()).toEqual([["AWSCURRENT"], ["AWSPREVIOUS"]]);
  });

  test("binary values come back as the same bytes, in a Uint8Array", async () => {
    const { client } = setup(way);
    await client.send(new CreateSecretCommand({ Name: "bin", SecretBinary: new Uint8Array([0, 1, 254, 255]) }));
    const got = await client.send(new GetSecretValueCommand({ SecretId: "bin" }));
    expect(got.SecretBinary).toBeInstanceOf(Uint8Array);
    expect(Array.from(got.SecretBinary!)).toEqual([0, 1, 254, 255]);
    expect(got.SecretString).toBeUndefined();
  });

  test("errors are the SDK's own classes, with AWS's code, message and status", async () => {
    const { client } = setup(way);
    const missing = await failure(client.send(new GetSecretValueCommand({ SecretId: "nope" })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(missing).toMatchObject({
      name: "ResourceNotFoundException",
      $fault: "client",
      message: "Secrets Manager can't find the specified secret.",
    });
    expect(missing.$metadata.httpStatusCode).toBe(400);
    await client.send(new CreateSecretCommand({ Name: "gone", SecretString: "x" }));
    await client.send(new DeleteSecretCommand({ SecretId: "gone", RecoveryWindowInDays: 7 }));
    const deleted = await failure(client.send(new GetSecretValueCommand({ SecretId: "gone" })));
    expect(deleted).toBeInstanceOf(InvalidRequestException);
    expect(deleted.message).toBe("You can't perform this operation on the secret because it was marked for deletion.");
  });

  test("ListSecrets pages with NextToken and filters by tag", async () => {
    const { client } = setup(way, { seed: 2 });
    for (const name of ["a", "b", "c"]) await client.send(new CreateSecretCommand({ Name: name, SecretString: name }));
    await client.send(new TagResourceCommand({ SecretId: "b", Tags: [{ Key: "team", Value: "blue" }] }));
    const first = await client.send(new ListSecretsCommand({ MaxResults: 2 }));
    expect(first.SecretList).toHaveLength(2);
    const second = await client.send(new ListSecretsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([...first.SecretList!, ...second.SecretList!].map((s) => s.Name).sort()).toEqual(["a", "b", "c"]);
    expect(second.NextToken).toBeUndefined();
    const tagged = await client.send(new ListSecretsCommand({ Filters: [{ Key: "tag-key", Values: ["team"] }] }));
    expect(tagged.SecretList!.map((s) => s.Name)).toEqual(["b"]);
  });

  test("rotation with the ready password function runs its four steps through this SDK", async () => {
    const { client, store } = setup(way, { seed: 3, clock: new ManualClock(T0) });
    store.registerRotationFunction(LAMBDA, passwordRotationFunction());
    await client.send(new CreateSecretCommand({ Name: "db", SecretString: JSON.stringify({ username: "app", password: "initial" }) }));
    const rotated = await client.send(
      new RotateSecretCommand({ SecretId: "db", RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 30 } }),
    );
    const now = JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: "db" }))).SecretString!);
    expect(now.username).toBe("app");
    expect(now.password).not.toBe("initial");
    expect((await client.send(new GetSecretValueCommand({ SecretId: "db", VersionStage: "AWSCURRENT" }))).VersionId).toBe(
      rotated.VersionId,
    );
    const described = await client.send(new DescribeSecretCommand({ SecretId: "db" }));
    expect(described).toMatchObject({ RotationEnabled: true, RotationLambdaARN: LAMBDA, RotationRules: { AutomaticallyAfterDays: 30 } });
  });
});
