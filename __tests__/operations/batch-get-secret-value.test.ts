/** BatchGetSecretValue (reference/aws-behaviour.md §3.12, aws-api-facts.md §5.7). */
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  InvalidNextTokenException,
  InvalidParameterException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, Messages, SecretsStore } from "secrets-manager-mock";
import { failure, hasNoUndefinedKeys } from "../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";

const T0 = new Date("2024-03-01T10:30:00Z");
const DAY0 = new Date("2024-03-01T00:00:00Z");
const V = (n: number) => `${String(n).padStart(8, "0")}-0000-4000-8000-000000000000`;

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("BatchGetSecretValue via %s", (_name, way: WayIn) => {
  let store: SecretsStore;
  let client: SecretsManagerClient;
  const arns: Record<string, string> = {};

  beforeEach(async () => {
    ({ store, client } = setup(way, { clock: new ManualClock(T0), seed: 13 }));
    arns.a = (await client.send(new CreateSecretCommand({ Name: "app/a", SecretString: "A1", ClientRequestToken: V(1) }))).ARN!;
    await client.send(new PutSecretValueCommand({ SecretId: "app/a", SecretString: "A2", ClientRequestToken: V(2) }));
    arns.b = (
      await client.send(new CreateSecretCommand({ Name: "app/b", SecretBinary: new Uint8Array([0, 1, 255]), ClientRequestToken: V(3) }))
    ).ARN!;
    arns.empty = (await client.send(new CreateSecretCommand({ Name: "app/empty" }))).ARN!;
    arns.gone = (await client.send(new CreateSecretCommand({ Name: "app/gone", SecretString: "G", ClientRequestToken: V(4) }))).ARN!;
    await client.send(new DeleteSecretCommand({ SecretId: "app/gone" }));
    await client.send(new CreateSecretCommand({ Name: "other", SecretString: "O", ClientRequestToken: V(5) }));
  });

  test("SecretIdList: values of AWSCURRENT in the order asked, per-secret failures in Errors", async () => {
    const out = await client.send(
      new BatchGetSecretValueCommand({ SecretIdList: ["app/a", arns.b, "missing", "app/empty", "app/gone", "bad name"] }),
    );
    expect(out.SecretValues).toEqual([
      { ARN: arns.a, Name: "app/a", VersionId: V(2), SecretString: "A2", VersionStages: ["AWSCURRENT"], CreatedDate: T0 },
      {
        ARN: arns.b,
        Name: "app/b",
        VersionId: V(3),
        SecretBinary: new Uint8Array([0, 1, 255]),
        VersionStages: ["AWSCURRENT"],
        CreatedDate: T0,
      },
    ]);
    expect(out.SecretValues![1].SecretBinary).toBeInstanceOf(Uint8Array);
    expect(out.Errors).toEqual([
      { SecretId: "missing", ErrorCode: "ResourceNotFoundException", Message: Messages.secretNotFound },
      { SecretId: "app/empty", ErrorCode: "ResourceNotFoundException", Message: Messages.stageNotFound("AWSCURRENT") },
      { SecretId: "app/gone", ErrorCode: "InvalidRequestException", Message: Messages.markedForDeletion },
      { SecretId: "bad name", ErrorCode: "ValidationException", Message: Messages.invalidName },
    ]);
    expect(out.NextToken).toBeUndefined();
    expect(hasNoUndefinedKeys(out)).toBe(true);
  });

  test("reading sets LastAccessedDate on the secret and on the version, like GetSecretValue", async () => {
    await client.send(new BatchGetSecretValueCommand({ SecretIdList: ["app/a"] }));
    expect((await client.send(new DescribeSecretCommand({ SecretId: "app/a" }))).LastAccessedDate).toEqual(DAY0);
    const versions = await client.send(new ListSecretVersionIdsCommand({ SecretId: "app/a" }));
    expect(versions.Versions!.find((v) => v.VersionId === V(2))!.LastAccessedDate).toEqual(DAY0);
    expect((await client.send(new DescribeSecretCommand({ SecretId: "app/b" }))).LastAccessedDate).toBeUndefined();
  });

  test("no secret readable: the call still succeeds with Errors only", async () => {
    const out = await client.send(new BatchGetSecretValueCommand({ SecretIdList: ["missing"] }));
    expect(out.SecretValues).toEqual([]);
    expect(out.Errors).toHaveLength(1);
  });

  test("Filters: matching secrets (oldest first, scheduled ones left out), paginated with MaxResults", async () => {
    const Filters = [{ Key: "name" as const, Values: ["app/"] }];
    const p1 = await client.send(new BatchGetSecretValueCommand({ Filters, MaxResults: 2 }));
    expect(p1.SecretValues!.map((v) => v.Name)).toEqual(["app/a", "app/b"]);
    expect(p1.NextToken).toBeDefined();
    const p2 = await client.send(new BatchGetSecretValueCommand({ Filters, MaxResults: 2, NextToken: p1.NextToken }));
    expect(p2.SecretValues).toEqual([]);
    expect(p2.Errors).toEqual([
      { SecretId: arns.empty, ErrorCode: "ResourceNotFoundException", Message: Messages.stageNotFound("AWSCURRENT") },
    ]);
    expect(p2.NextToken).toBeUndefined();
  });

  test("Filters: default page size 20; an empty Filters list selects every secret", async () => {
    for (let i = 0; i < 20; i++) await client.send(new CreateSecretCommand({ Name: `bulk-${i}`, SecretString: "x" }));
    const p1 = await client.send(new BatchGetSecretValueCommand({ Filters: [] }));
    expect(p1.SecretValues!.length + p1.Errors!.length).toBe(20);
    const p2 = await client.send(new BatchGetSecretValueCommand({ Filters: [], NextToken: p1.NextToken }));
    expect(p2.SecretValues!.length + p2.Errors!.length).toBe(4);
    expect(p2.NextToken).toBeUndefined();
  });

  // Both SecretIdList and Filters, MaxResults without Filters: parity scenario batch/argument-errors.
  test("neither SecretIdList nor Filters is InvalidParameterException", async () => {
    expect(await failure(client.send(new BatchGetSecretValueCommand({})))).toBeInstanceOf(InvalidParameterException);
  });

  test("model limits: more than 20 ids, or MaxResults over 20, is ValidationException", async () => {
    const ids = Array.from({ length: 21 }, (_, i) => `s${i}`);
    expect((await failure(client.send(new BatchGetSecretValueCommand({ SecretIdList: ids })))).name).toBe("ValidationException");
    const big = await failure(client.send(new BatchGetSecretValueCommand({ Filters: [], MaxResults: 21 })));
    expect(big.name).toBe("ValidationException");
  });

  test("a bad NextToken is InvalidNextTokenException", async () => {
    const e = await failure(client.send(new BatchGetSecretValueCommand({ Filters: [], NextToken: "nope" })));
    expect(e).toBeInstanceOf(InvalidNextTokenException);
  });

  test("failures leave the store as it was", async () => {
    const rev = store.revision;
    await failure(client.send(new BatchGetSecretValueCommand({ SecretIdList: ["app/a"], MaxResults: 5 })));
    await client.send(new BatchGetSecretValueCommand({ SecretIdList: ["missing", "app/gone"] }));
    expect(store.revision).toBe(rev);
  });
});
