/**
 * Shrunk counterexamples found by the model-based tests and the fuzzer, kept as regular tests.
 */
import * as SM from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { WAYS_IN, type WayIn } from "../helpers/ways-in";
import type { Desc } from "./commands";
import { outcomeCounts, runSequence, send, T0 } from "./harness";

describe("model-based counterexamples (replayed against the model, with invariants)", () => {
  // Found by the invariant checker (20,000-sequence run): a secret purged at the end of its
  // deletion window and re-created by the same call must get a new ARN, and the re-created secret
  // must not see the old one's versions (token 0 is new again).
  test("purge and re-create in one call: new ARN, fresh versions", async () => {
    const seq: Desc[] = [
      { k: "CreateSecret", name: { n: 0, form: "name" }, token: 0, value: { s: 0 } },
      { k: "DeleteSecret", name: { n: 0, form: "name" }, force: false },
      { k: "advance", ms: 31 * 86_400_000 },
      { k: "CreateSecret", name: { n: 0, form: "name" }, token: 0, value: { s: 0 } },
      { k: "UpdateSecret", name: { n: 0, form: "name" }, token: 0, value: "none" },
      { k: "DescribeSecret", name: { n: 0, form: "arn" } },
    ];
    await expect(runSequence(seq)).resolves.toBe(seq.length);
  });

  // Shrunk from a deliberately broken model (AWSPENDING kept on the old AWSCURRENT): pins the
  // observed AWS rule that a default value write drops AWSPENDING from the version losing AWSCURRENT.
  test("a default write drops AWSPENDING from the old AWSCURRENT holder", async () => {
    const seq: Desc[] = [
      { k: "CreateSecret", name: { n: 1, form: "name" }, token: 0, value: { s: 0 } },
      { k: "UpdateSecretVersionStage", name: { n: 1, form: "name" }, stage: "AWSPENDING", to: 0 },
      { k: "UpdateSecret", name: { n: 1, form: "name" }, token: "omit", value: { s: 0 } },
      { k: "ListSecretVersionIds", name: { n: 1, form: "name" }, includeDeprecated: false },
    ];
    await expect(runSequence(seq)).resolves.toBe(seq.length);
  });

  test("reusing a token of a deprecated version with another value is ResourceExistsException", async () => {
    const seq: Desc[] = [
      { k: "CreateSecret", name: { n: 2, form: "name" }, token: 0, value: { s: 0 } },
      { k: "PutSecretValue", name: { n: 2, form: "partial" }, token: 1, value: { s: 1 } },
      { k: "PutSecretValue", name: { n: 2, form: "arn" }, token: 2, value: { b: 0 } },
      { k: "PutSecretValue", name: { n: 2, form: "name" }, token: 0, value: { s: 1 } },
      { k: "PutSecretValue", name: { n: 2, form: "name" }, token: 0, value: { s: 0 } },
      { k: "ListSecretVersionIds", name: { n: 2, form: "name" }, includeDeprecated: true },
    ];
    await expect(runSequence(seq)).resolves.toBe(seq.length);
  });
});

describe("the 20-label limit, replayed against the model", () => {
  const L = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `L${from + i}`);

  test("UpdateSecretVersionStage attaching a 21st label is LimitExceededException; moving one is fine", async () => {
    outcomeCounts.clear();
    const seq: Desc[] = [
      { k: "CreateSecret", name: { n: 0, form: "name" }, token: 0, value: { s: 0 } },
      { k: "PutSecretValue", name: { n: 0, form: "name" }, token: 1, value: { s: 1 }, stages: L(0, 11) },
      { k: "PutSecretValue", name: { n: 0, form: "name" }, token: 2, value: { s: 2 }, stages: L(12, 18) },
      { k: "UpdateSecretVersionStage", name: { n: 0, form: "name" }, stage: "L19", to: 0 },
      { k: "UpdateSecretVersionStage", name: { n: 0, form: "name" }, stage: "L18", from: 2, to: 0 },
      { k: "PutSecretValue", name: { n: 0, form: "name" }, token: 3, value: { s: 0 }, stages: ["L19"] },
      // A default write would add AWSPREVIOUS (the 21st label): refused too.
      { k: "PutSecretValue", name: { n: 0, form: "name" }, token: 3, value: { s: 0 } },
      { k: "UpdateSecretVersionStage", name: { n: 0, form: "name" }, stage: "L0", from: 1 },
      { k: "PutSecretValue", name: { n: 0, form: "name" }, token: 3, value: { s: 0 } },
      { k: "DescribeSecret", name: { n: 0, form: "name" } },
    ];
    await expect(runSequence(seq)).resolves.toBe(seq.length);
    expect(outcomeCounts.get("UpdateSecretVersionStage:LimitExceededException")).toBe(1);
    expect(outcomeCounts.get("UpdateSecretVersionStage:ok")).toBe(2);
    expect(outcomeCounts.get("PutSecretValue:LimitExceededException")).toBe(2);
    expect(outcomeCounts.get("PutSecretValue:ok")).toBe(3);
  });
});

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("null members are absent members via %s", (_n, way: WayIn) => {
  // Found by the fuzzer: a `null` member passed validation (null counts as absent) but reached the
  // operations as null, and `Tags: null`, `SecretIdList: null`, `Filters: null` crashed them
  // (InternalServiceError, HTTP 500). dispatch now drops null members after validation.
  let client: SM.SecretsManagerClient;
  beforeEach(() => {
    const store = new SecretsStore({ clock: new ManualClock(T0), seed: 4 });
    client = way.client(store);
  });

  test("CreateSecret with Tags: null creates an untagged secret", async () => {
    await send(client, "CreateSecret", { Name: "n", SecretString: "v", Tags: null, Description: null });
    const d = await send(client, "DescribeSecret", { SecretId: "n" });
    expect(d.Tags).toBeUndefined();
    expect(d.Description).toBeUndefined();
  });

  test("ListSecrets with Filters: null lists everything; BatchGetSecretValue with SecretIdList: null needs Filters", async () => {
    await send(client, "CreateSecret", { Name: "n", SecretString: "v" });
    const listed = await send(client, "ListSecrets", { Filters: null, NextToken: null });
    expect((listed.SecretList as { Name: string }[]).map((s) => s.Name)).toEqual(["n"]);
    const batch = await send(client, "BatchGetSecretValue", { SecretIdList: null, Filters: [{ Key: "name", Values: ["n"] }] });
    expect((batch.SecretValues as { Name: string }[]).map((s) => s.Name)).toEqual(["n"]);
  });

  test("nested nulls: a Filters entry with Values: null is an AWS error, not a crash", async () => {
    const e = await send(client, "ListSecrets", { Filters: [{ Key: "name", Values: null }] }).catch((x: unknown) => x);
    if (e instanceof Error) {
      expect(e).toBeInstanceOf(SM.SecretsManagerServiceException);
      expect(e instanceof SM.SecretsManagerServiceException && e.$metadata.httpStatusCode).toBe(400);
    } else {
      expect(Array.isArray((e as { SecretList?: unknown }).SecretList)).toBe(true);
    }
  });
});
