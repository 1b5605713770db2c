/** TagResource / UntagResource (reference/aws-behaviour.md §3.10, aws-api-facts.md §5.12). */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  InvalidParameterException,
  ResourceNotFoundException,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";

const T0 = new Date("2024-03-01T10:30:00Z");

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("TagResource / UntagResource via %s", (_name, way: WayIn) => {
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeEach(async () => {
    ({ store, client } = setup(way, { clock: new ManualClock(T0), seed: 9 }));
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "v" }));
  });

  const tags = async () => (await client.send(new DescribeSecretCommand({ SecretId: "s" }))).Tags;
  const tag = (Tags: { Key: string; Value: string }[], SecretId = "s") => client.send(new TagResourceCommand({ SecretId, Tags }));
  const untag = (TagKeys: string[], SecretId = "s") => client.send(new UntagResourceCommand({ SecretId, TagKeys }));
  const body = (out: object) => Object.fromEntries(Object.entries(out).filter(([k]) => k !== "$metadata"));

  test("a never-tagged secret has no Tags key", async () => {
    const d = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
    expect("Tags" in d).toBe(false);
  });

  // Seen from AWS on TagResource (cloud-custodian/cloud-custodian#9093).
  test("changing a system tag is 'You can't modify system tags. Tag key: ...', naming the key; nothing changes", async () => {
    await tag([{ Key: "team", Value: "a" }]);
    const before = JSON.stringify(store.exportState());
    const e = await failure(
      tag([
        { Key: "ok", Value: "v" },
        { Key: "aws:cloudformation:stack-name", Value: "v" },
      ]),
    );
    expect(e).toBeInstanceOf(InvalidParameterException);
    expect(e.message).toBe("You can't modify system tags. Tag key: 'aws:cloudformation:stack-name'.");
    const u = await failure(untag(["team", "AWS:x"]));
    expect(u).toBeInstanceOf(InvalidParameterException);
    expect(u.message).toBe("You can't modify system tags. Tag key: 'AWS:x'.");
    expect(JSON.stringify(store.exportState())).toBe(before);
  });

  test("an empty value is allowed; keys are case-sensitive", async () => {
    await tag([
      { Key: "Env", Value: "" },
      { Key: "env", Value: "x" },
    ]);
    expect(await tags()).toEqual([
      { Key: "Env", Value: "" },
      { Key: "env", Value: "x" },
    ]);
  });

  test("untag removes the listed keys; removing the last leaves Tags: []", async () => {
    await tag([
      { Key: "a", Value: "1" },
      { Key: "b", Value: "2" },
    ]);
    expect(body(await untag(["a"]))).toEqual({});
    expect(await tags()).toEqual([{ Key: "b", Value: "2" }]);
    await untag(["b"]);
    expect(await tags()).toEqual([]);
  });

  // Tags merged across calls, a value overwritten in place, empty answers, untagging a key the secret
  // lacks: parity scenario modify/tags. A tag key starting with aws: on TagResource: errors/system-tags.
  test("untagging a key the secret does not have changes nothing", async () => {
    await tag([{ Key: "a", Value: "1" }]);
    const rev = store.revision;
    await untag(["zzz"]);
    expect(store.revision).toBe(rev);
    expect(await tags()).toEqual([{ Key: "a", Value: "1" }]);
  });

  test("at most 50 tags: the 51st is InvalidParameterException and nothing is added", async () => {
    await tag(Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `${i}` })));
    const e = await failure(tag([{ Key: "one-more", Value: "x" }]));
    expect(e).toBeInstanceOf(InvalidParameterException);
    expect(await tags()).toHaveLength(50);
    await tag([{ Key: "k0", Value: "overwrite is fine" }]);
    expect((await tags())![0]).toEqual({ Key: "k0", Value: "overwrite is fine" });
  });

  test("the aws: prefix is reserved: it can't be added or removed", async () => {
    for (const Key of ["aws:x", "AWS:x"]) {
      const e = await failure(
        tag([
          { Key, Value: "v" },
          { Key: "ok", Value: "v" },
        ]),
      );
      expect(e).toBeInstanceOf(InvalidParameterException);
    }
    expect(await failure(untag(["aws:secretsmanager:owningService"]))).toBeInstanceOf(InvalidParameterException);
    const d = await client.send(new DescribeSecretCommand({ SecretId: "s" }));
    expect("Tags" in d).toBe(false);
  });

  test("tag keys and values longer than the model allows are ValidationException", async () => {
    const longKey = await failure(tag([{ Key: "k".repeat(129), Value: "v" }]));
    expect(longKey.name).toBe("ValidationException");
    const longValue = await failure(tag([{ Key: "k", Value: "v".repeat(257) }]));
    expect(longValue.name).toBe("ValidationException");
  });

  // TagResource on an unknown secret, UntagResource with an invalid name: parity scenarios errors/not-found, errors/invalid-name.
  test("UntagResource on an unknown secret is ResourceNotFoundException; TagResource with an invalid name is ValidationException", async () => {
    expect(await failure(untag(["a"], "nope"))).toBeInstanceOf(ResourceNotFoundException);
    expect((await failure(tag([{ Key: "a", Value: "b" }], "bad name"))).name).toBe("ValidationException");
  });

  test("works by ARN", async () => {
    const arn = store.getSecret(store.accountId, "us-east-1", "s")!.arn;
    await tag([{ Key: "a", Value: "1" }], arn);
    await untag(["a"], arn);
    expect(await tags()).toEqual([]);
  });
});
