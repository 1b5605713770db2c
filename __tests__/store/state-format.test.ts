/**
 * exportState / importState / fromState: the documented, versioned state format, exact round
 * trips, and all-or-nothing imports with errors that name the path inside the document.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  ReplicateSecretToRegionsCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { InvalidDocumentError, ManualClock, SecretsStore, type StateDocument } from "secrets-manager-mock";
import { middlewareWay, setup, WAYS_IN } from "../helpers/ways-in";

/** Every record of a store, as plain data (the copy-on-write generation left out). */
function records(store: SecretsStore) {
  return [...store.allPartitions()].map((p) => ({
    accountId: p.accountId,
    region: p.region,
    nextPurgeAt: p.nextPurgeAt,
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- `gen` is named only to leave it out of the rest
    secrets: [...p.secrets.values()].map(({ gen: _gen, ...s }) => ({
      ...s,
      versions: [...s.versions.values()],
      labels: [...s.labels].sort(),
    })),
  }));
}

/** A store with a bit of everything, built through a real client. */
async function richStore() {
  const clock = new ManualClock("2024-05-01T09:30:00.123Z");
  const { store, client } = setup(middlewareWay, { seed: 11, clock }, "eu-west-1");
  const other = middlewareWay.client(store, "us-west-2");
  await client.send(
    new CreateSecretCommand({ Name: "app/db", SecretString: '{"password":"p1"}', Description: "db", KmsKeyId: "alias/app" }),
  );
  clock.advance({ minutes: 5 });
  await client.send(new PutSecretValueCommand({ SecretId: "app/db", SecretString: '{"password":"p2"}' }));
  await client.send(new PutSecretValueCommand({ SecretId: "app/db", SecretString: '{"password":"p3"}', VersionStages: ["custom"] }));
  await client.send(
    new CreateSecretCommand({
      Name: "app/bin",
      SecretBinary: new Uint8Array([0, 255, 1, 254, 10]),
      Tags: [{ Key: "team", Value: "core" }],
    }),
  );
  await client.send(new TagResourceCommand({ SecretId: "app/bin", Tags: [{ Key: "env", Value: "prod" }] }));
  await client.send(new CreateSecretCommand({ Name: "untagged", SecretString: "x", Tags: [{ Key: "t", Value: "" }] }));
  await client.send(new UntagResourceCommand({ SecretId: "untagged", TagKeys: ["t"] }));
  await client.send(new PutResourcePolicyCommand({ SecretId: "app/bin", ResourcePolicy: '{"Version":"2012-10-17","Statement":[]}' }));
  clock.advance({ days: 1 });
  await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
  await client.send(new CreateSecretCommand({ Name: "empty" }));
  await client.send(new CreateSecretCommand({ Name: "doomed", SecretString: "bye" }));
  await client.send(new DeleteSecretCommand({ SecretId: "doomed", RecoveryWindowInDays: 7 }));
  await client.send(new CreateSecretCommand({ Name: "replicated", SecretString: "r" }));
  await client.send(new ReplicateSecretToRegionsCommand({ SecretId: "replicated", AddReplicaRegions: [{ Region: "ap-south-1" }] }));
  await other.send(new CreateSecretCommand({ Name: "app/db", SecretString: "west" }));
  await other.send(
    new UpdateSecretVersionStageCommand({
      SecretId: "app/db",
      VersionStage: "extra",
      MoveToVersionId: (await other.send(new GetSecretValueCommand({ SecretId: "app/db" }))).VersionId!,
    }),
  );
  return { store, clock };
}

describe("exportState", () => {
  test("is a plain JSON object in format version 1", async () => {
    const { store } = await richStore();
    const doc = store.exportState();
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.formatVersion).toBe(1);
    expect(doc.partitions.map((p) => [p.accountId, p.region, p.secrets.map((s) => s.name)])).toEqual([
      ["123456789012", "eu-west-1", ["app/db", "app/bin", "untagged", "empty", "doomed", "replicated"]],
      ["123456789012", "ap-south-1", ["replicated"]],
      ["123456789012", "us-west-2", ["app/db"]],
    ]);
    const [db, bin, untagged, empty, doomed, replicated] = doc.partitions[0].secrets;
    expect(db).toMatchObject({
      name: "app/db",
      arn: expect.stringMatching(/^arn:aws:secretsmanager:eu-west-1:123456789012:secret:app\/db-[A-Za-z0-9]{6}$/),
      createdDate: "2024-05-01T09:30:00.123Z",
      lastAccessedDate: "2024-05-02T00:00:00.000Z",
      description: "db",
      kmsKeyId: "alias/app",
    });
    expect(db.versions.map((v) => [v.secretString, v.stages])).toEqual([
      ['{"password":"p1"}', ["AWSPREVIOUS"]],
      ['{"password":"p2"}', ["AWSCURRENT"]],
      ['{"password":"p3"}', ["custom"]],
    ]);
    expect(db.versions[1].lastAccessedDate).toBe("2024-05-02T00:00:00.000Z");
    expect(bin.versions[0].secretBinary).toBe(Buffer.from([0, 255, 1, 254, 10]).toString("base64"));
    expect(bin.versions[0]).not.toHaveProperty("secretString");
    expect(bin.tags).toEqual([
      { Key: "team", Value: "core" },
      { Key: "env", Value: "prod" },
    ]);
    expect(bin.resourcePolicy).toContain("2012-10-17");
    expect(untagged.tags).toEqual([]);
    expect(empty).not.toHaveProperty("tags");
    expect(empty.versions).toEqual([]);
    expect(doomed.deletedDate).toBe("2024-05-02T09:35:00.123Z");
    expect(doomed.deletionDate).toBe("2024-05-09T09:35:00.123Z");
    expect(replicated.replicas).toEqual([{ region: "ap-south-1", status: "InSync" }]);
    expect(doc.partitions[1].secrets[0].primaryRegion).toBe("eu-west-1");
    // No key holds undefined (JSON would drop it and round trips would differ).
    expect(JSON.stringify(doc, (_k, v) => (v === undefined ? "UNDEFINED" : v))).not.toContain("UNDEFINED");
  });
});

describe("round trips", () => {
  test("export -> JSON -> import -> export is identical, and the records are restored exactly", async () => {
    const { store } = await richStore();
    const text = JSON.stringify(store.exportState());
    const copy = SecretsStore.fromState(JSON.parse(text));
    expect(JSON.stringify(copy.exportState())).toBe(text);
    expect(records(copy)).toEqual(records(store));
    const again = new SecretsStore();
    again.importState(JSON.parse(text));
    expect(records(again)).toEqual(records(store));
  });

  test.each(WAYS_IN.map((w) => [w.name, w] as const))("a restored store answers like the original (via %s)", async (_n, way) => {
    const { store, clock } = await richStore();
    const copy = SecretsStore.fromState(store.exportState(), { clock });
    const a = way.client(store, "eu-west-1");
    const b = way.client(copy, "eu-west-1");
    for (const id of ["app/db", "app/bin", "doomed", "replicated", "empty"]) {
      const [da, db] = [
        await a.send(new DescribeSecretCommand({ SecretId: id })),
        await b.send(new DescribeSecretCommand({ SecretId: id })),
      ];
      expect({ ...db, $metadata: undefined }).toEqual({ ...da, $metadata: undefined });
    }
    const bin = await b.send(new GetSecretValueCommand({ SecretId: "app/bin" }));
    expect(bin.SecretBinary).toEqual(new Uint8Array([0, 255, 1, 254, 10]));
    // The deleted secret's window is restored too: it is purged on time.
    clock.advance({ days: 7 });
    await expect(b.send(new DescribeSecretCommand({ SecretId: "doomed" }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  test("a hand-written document with every member imports and exports unchanged", () => {
    const doc: StateDocument = {
      formatVersion: 1,
      partitions: [
        {
          accountId: "111122223333",
          region: "eu-central-1",
          secrets: [
            {
              arn: "arn:aws:secretsmanager:eu-central-1:111122223333:secret:rotating-AbC123",
              name: "rotating",
              createdDate: "2023-01-01T00:00:00.000Z",
              lastChangedDate: "2023-02-01T00:00:00.000Z",
              lastAccessedDate: "2023-02-03T00:00:00.000Z",
              description: "all members",
              kmsKeyId: "arn:aws:kms:eu-central-1:111122223333:key/abc",
              type: "custom",
              tags: [{ Key: "a", Value: "b" }],
              versions: [
                {
                  versionId: "11111111-1111-4111-8111-111111111111",
                  createdDate: "2023-01-01T00:00:00.000Z",
                  secretString: "s",
                  stages: ["AWSCURRENT"],
                  lastAccessedDate: "2023-02-03T00:00:00.000Z",
                  kmsKeyId: "k",
                },
                { versionId: "22222222-2222-4222-8222-222222222222", createdDate: "2023-02-01T00:00:00.000Z", stages: ["AWSPENDING"] },
              ],
              rotation: {
                enabled: true,
                lambdaArn: "arn:aws:lambda:eu-central-1:111122223333:function:rot",
                rules: { AutomaticallyAfterDays: 30, Duration: "2h" },
                lastRotatedDate: "2023-01-15T00:00:00.000Z",
                nextRotationDate: "2023-02-14T00:00:00.000Z",
              },
              resourcePolicy: "{}",
              owningService: "rds",
              primaryRegion: "eu-central-1",
              replicas: [{ region: "eu-west-1", kmsKeyId: "k2", status: "Failed", statusMessage: "nope" }],
            },
          ],
        },
      ],
    };
    const store = SecretsStore.fromState(structuredClone(doc));
    expect(store.exportState()).toEqual(doc);
    expect(JSON.stringify(store.exportState())).toBe(JSON.stringify(doc));
  });

  test("dates with an offset are read as the same instant (and exported in UTC)", () => {
    const doc = {
      formatVersion: 1,
      partitions: [
        {
          accountId: "123456789012",
          region: "us-east-1",
          secrets: [
            {
              arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-aaaaaa",
              name: "s",
              createdDate: "2024-01-01T02:00:00+02:00",
              lastChangedDate: "2024-01-01T00:00:00Z",
              versions: [],
            },
          ],
        },
      ],
    };
    const store = SecretsStore.fromState(doc as StateDocument);
    expect(store.exportState().partitions[0].secrets[0].createdDate).toBe("2024-01-01T00:00:00.000Z");
  });
});

describe("importState is all or nothing", () => {
  const valid = (): StateDocument => ({
    formatVersion: 1,
    partitions: [
      {
        accountId: "123456789012",
        region: "us-east-1",
        secrets: [
          {
            arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:ok-abcdef",
            name: "ok",
            createdDate: "2024-01-01T00:00:00.000Z",
            lastChangedDate: "2024-01-01T00:00:00.000Z",
            versions: [
              {
                versionId: "33333333-3333-4333-8333-333333333333",
                createdDate: "2024-01-01T00:00:00.000Z",
                secretString: "TOPSECRET",
                stages: ["AWSCURRENT"],
              },
            ],
          },
        ],
      },
    ],
  });

  type Doc = Record<string, any>;
  const cases: [string, (d: Doc) => void, string, RegExp][] = [
    ["formatVersion missing", (d) => delete d.formatVersion, "formatVersion", /expected 1/],
    ["formatVersion 2", (d) => (d.formatVersion = 2), "formatVersion", /newer than this version/],
    ["formatVersion as a string", (d) => (d.formatVersion = "1"), "formatVersion", /expected 1/],
    ["unknown root member", (d) => (d.extra = 1), "extra", /unknown property/],
    ["partitions not an array", (d) => (d.partitions = {}), "partitions", /expected an array/],
    ["duplicate partition", (d) => d.partitions.push(structuredClone(d.partitions[0])), "partitions[1]", /second partition/],
    ["bad date", (d) => (d.partitions[0].secrets[0].createdDate = "yesterday"), "partitions[0].secrets[0].createdDate", /ISO 8601/],
    [
      "date as a number",
      (d) => (d.partitions[0].secrets[0].lastChangedDate = 1700000000000),
      "partitions[0].secrets[0].lastChangedDate",
      /expected a string/,
    ],
    [
      "bad base64",
      (d) => {
        const v = d.partitions[0].secrets[0].versions[0];
        delete v.secretString;
        v.secretBinary = "not base64!";
      },
      "partitions[0].secrets[0].versions[0].secretBinary",
      /base64/,
    ],
    [
      "both values",
      (d) => (d.partitions[0].secrets[0].versions[0].secretBinary = "AAAA"),
      "partitions[0].secrets[0].versions[0]",
      /not both/,
    ],
    ["invalid name", (d) => (d.partitions[0].secrets[0].name = "bad name"), "partitions[0].secrets[0].name", /valid secret name/],
    [
      "arn of another name",
      (d) => (d.partitions[0].secrets[0].arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-abcdef"),
      "partitions[0].secrets[0].arn",
      /must be arn/,
    ],
    [
      "arn of another region",
      (d) => (d.partitions[0].secrets[0].arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ok-abcdef"),
      "partitions[0].secrets[0].arn",
      /must be arn/,
    ],
    [
      "duplicate secret",
      (d) => d.partitions[0].secrets.push(structuredClone(d.partitions[0].secrets[0])),
      "partitions[0].secrets[1].name",
      /second secret named ok/,
    ],
    [
      "label on two versions",
      (d) =>
        d.partitions[0].secrets[0].versions.push({
          versionId: "44444444-4444-4444-8444-444444444444",
          createdDate: "2024-01-01T00:00:00.000Z",
          secretString: "b",
          stages: ["AWSCURRENT"],
        }),
      "partitions[0].secrets[0].versions[1].stages",
      /AWSCURRENT is on another version/,
    ],
    [
      "duplicate versionId",
      (d) => d.partitions[0].secrets[0].versions.push({ ...d.partitions[0].secrets[0].versions[0], stages: [] }),
      "partitions[0].secrets[0].versions[1].versionId",
      /same versionId/,
    ],
    [
      "short versionId",
      (d) => (d.partitions[0].secrets[0].versions[0].versionId = "v1"),
      "partitions[0].secrets[0].versions[0].versionId",
      /at least 32/,
    ],
    [
      "unknown secret member",
      (d) => (d.partitions[0].secrets[0].Description = "typo"),
      "partitions[0].secrets[0].Description",
      /unknown property/,
    ],
    [
      "bad replica status",
      (d) => (d.partitions[0].secrets[0].replicas = [{ region: "eu-west-1", status: "Done" }]),
      "partitions[0].secrets[0].replicas[0].status",
      /InSync/,
    ],
    ["bad tag", (d) => (d.partitions[0].secrets[0].tags = [{ Key: "k" }]), "partitions[0].secrets[0].tags[0].Value", /expected a string/],
    [
      "rotation without enabled",
      (d) => (d.partitions[0].secrets[0].rotation = {}),
      "partitions[0].secrets[0].rotation.enabled",
      /expected a boolean/,
    ],
  ];

  test.each(cases)("%s: names the path, never a value, and changes nothing", (_name, mutate, errPath, problem) => {
    const store = new SecretsStore({ seed: 1, fixtures: { secrets: { existing: { SecretString: "keep" } } } });
    const before = JSON.stringify(store.exportState());
    let notified = 0;
    store.onChange(() => notified++);
    const doc = valid() as Doc;
    mutate(doc);
    let error: unknown;
    try {
      store.importState(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidDocumentError);
    const e = error as InvalidDocumentError;
    expect(e.path).toBe(errPath);
    expect(e.message).toMatch(problem);
    if (errPath !== "") expect(e.message).toContain(` at ${errPath}: `);
    expect(e.message).not.toContain("TOPSECRET");
    expect(JSON.stringify(store.exportState())).toBe(before);
    expect(notified).toBe(0);
  });

  test("a valid document replaces the whole content and notifies once", () => {
    const store = new SecretsStore({ fixtures: { secrets: { existing: { SecretString: "keep" } } } });
    let notified = 0;
    store.onChange(() => notified++);
    store.importState(valid());
    expect(store.exportState()).toEqual(valid());
    expect(notified).toBe(1);
  });

  test("a state file with a problem names the file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-state-"));
    const file = path.join(dir, "bad.json");
    const doc = valid() as Doc;
    doc.partitions[0].secrets[0].versions[0].createdDate = "soon";
    fs.writeFileSync(file, JSON.stringify(doc));
    expect(() => new SecretsStore({ fixtures: file })).toThrow(
      `invalid state in ${file} at partitions[0].secrets[0].versions[0].createdDate: expected an ISO 8601`,
    );
    fs.writeFileSync(file, '{"formatVersion": 1, "partitions": [TOPSECRET');
    expect(() => new SecretsStore({ fixtures: file })).toThrow(
      new RegExp(`invalid fixtures in ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON`),
    );
    expect(() => new SecretsStore({ fixtures: file })).not.toThrow(/TOPSECRET/);
    expect(() => new SecretsStore({ fixtures: path.join(dir, "missing.json") })).toThrow(/missing\.json: file not found/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
