/**
 * ListSecrets (reference/aws-behaviour.md §3.7, aws-api-facts.md §5.10).
 *
 * The AWS-observed filter table, an entry's members, sort order, a page of 2, a bad NextToken,
 * MaxResults 0 and planned deletion are described once, by the parity scenarios list/*
 * (src/parity/catalogue/listing.ts, run by __tests__/parity/catalogue.test.ts). This file keeps
 * what they can't show: exact dates and ties at one instant, other sorts, regions, large pages,
 * pages while secrets change, filters on things a parity run can't create.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  InvalidNextTokenException,
  InvalidParameterException,
  ListSecretsCommand,
  type ListSecretsCommandInput,
  paginateListSecrets,
  PutSecretValueCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, SecretsStore } from "secrets-manager-mock";
import { failure, hasNoUndefinedKeys } from "../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";

const T0 = new Date("2024-03-01T10:30:00Z");

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("ListSecrets via %s", (_name, way: WayIn) => {
  let clock: ManualClock;
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeEach(() => {
    clock = new ManualClock(T0);
    ({ store, client } = setup(way, { clock, seed: 21 }));
  });

  const create = (Name: string, extra: { Description?: string; Tags?: { Key: string; Value: string }[]; SecretString?: string } = {}) =>
    client.send(new CreateSecretCommand({ Name, SecretString: "v", ...extra }));
  const names = async (input: ListSecretsCommandInput = {}) =>
    (await client.send(new ListSecretsCommand(input))).SecretList!.map((s) => s.Name);
  const filtered = (...filters: Array<[string, string[]]>) =>
    names({ Filters: filters.map(([Key, Values]) => ({ Key: Key as never, Values })) });

  test("an empty account lists nothing and has no NextToken", async () => {
    const out = await client.send(new ListSecretsCommand({}));
    expect(out.SecretList).toEqual([]);
    expect(out.NextToken).toBeUndefined();
  });

  test("entries have DescribeSecret's fields with SecretVersionsToStages, and no values", async () => {
    const { ARN, VersionId } = await create("db", { Description: "the db", Tags: [{ Key: "env", Value: "prod" }] });
    await create("no-value-no-desc", { SecretString: undefined, Description: "" });
    const out = await client.send(new ListSecretsCommand({}));
    expect(out.SecretList![0]).toEqual({
      ARN,
      Name: "db",
      Description: "the db",
      LastChangedDate: T0,
      Tags: [{ Key: "env", Value: "prod" }],
      SecretVersionsToStages: { [VersionId!]: ["AWSCURRENT"] },
      CreatedDate: T0,
    });
    expect(Object.keys(out.SecretList![1]).sort()).toEqual(["ARN", "CreatedDate", "LastChangedDate", "Name"]);
    expect(hasNoUndefinedKeys(out)).toBe(true);
    expect(JSON.stringify(out.SecretList)).not.toContain('"v"');
  });

  describe("order", () => {
    beforeEach(async () => {
      // Created at the same instant, then later: creation order must hold on ties too.
      await create("b");
      await create("c");
      clock.advance({ minutes: 1 });
      await create("a");
    });

    test("default: creation order, oldest first (ties keep creation order)", async () => {
      expect(await names()).toEqual(["b", "c", "a"]);
      expect(await names({ SortOrder: "asc", SortBy: "created-date" })).toEqual(["b", "c", "a"]);
    });

    test("SortOrder desc reverses it", async () => {
      expect(await names({ SortOrder: "desc" })).toEqual(["a", "c", "b"]);
    });

    test("SortBy name", async () => {
      expect(await names({ SortBy: "name" })).toEqual(["a", "b", "c"]);
      expect(await names({ SortBy: "name", SortOrder: "desc" })).toEqual(["c", "b", "a"]);
    });

    test("SortBy last-changed-date follows value updates", async () => {
      clock.advance({ minutes: 1 });
      await client.send(new PutSecretValueCommand({ SecretId: "b", SecretString: "v2" }));
      expect(await names({ SortBy: "last-changed-date" })).toEqual(["c", "a", "b"]);
      expect(await names({ SortBy: "last-changed-date", SortOrder: "desc" })).toEqual(["b", "a", "c"]);
    });

    test("SortBy last-accessed-date: never-read secrets first (ascending)", async () => {
      clock.advance({ days: 2 });
      await client.send(new GetSecretValueCommand({ SecretId: "a" }));
      clock.advance({ days: 1 });
      await client.send(new GetSecretValueCommand({ SecretId: "b" }));
      expect(await names({ SortBy: "last-accessed-date" })).toEqual(["c", "a", "b"]);
      expect(await names({ SortBy: "last-accessed-date", SortOrder: "desc" })).toEqual(["b", "a", "c"]);
    });

    test("an invalid SortBy / SortOrder is ValidationException", async () => {
      expect((await failure(client.send(new ListSecretsCommand({ SortBy: "size" as never })))).name).toBe("ValidationException");
      expect((await failure(client.send(new ListSecretsCommand({ SortOrder: "up" as never })))).name).toBe("ValidationException");
    });
  });

  // Planned deletion and IncludePlannedDeletion: parity scenario list/planned-deletion.
  test("other regions' secrets are not listed", async () => {
    await create("here");
    const other = way.client(store, "eu-west-1");
    await other.send(new CreateSecretCommand({ Name: "there", SecretString: "v" }));
    expect(await names()).toEqual(["here"]);
    expect((await other.send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name)).toEqual(["there"]);
  });

  // The AWS-observed filter table (name, description, negation, word prefixes, case, ORed values,
  // ANDed filters): parity scenario list/filters; tag-key, tag-value, all: list/tag-and-all-filters.
  describe("filters: all, tags, owning-service, primary-region", () => {
    beforeEach(async () => {
      await create("SecretOne", { Tags: [{ Key: "Team", Value: "Payments" }] });
      await create("COMPANYthings");
      await create("prod-app_x", { Description: "Main database", Tags: [{ Key: "env", Value: "prod" }] });
      await create("prod-AppBeta/x");
      await create("plain");
    });

    test.each<[string, string[], string[]]>([
      ["all: camel-case humps, case-insensitive", ["one"], ["SecretOne"]],
      ["all: word prefix only", ["ret"], []],
      ["all: COMPANYthings splits as COMPAN + Ythings", ["ythings"], ["COMPANYthings"]],
      ["all: COMPANYthings (2)", ["compan"], ["COMPANYthings"]],
      ["all: searches description words", ["datab"], ["prod-app_x"]],
      ["all: searches tag keys and values", ["payments"], ["SecretOne"]],
      ["all: a bare special character matches nothing", ["+"], []],
      ["all: mixing two separators keeps the name one word", ["beta"], []],
      ["all: …but its start still matches", ["prod"], ["prod-app_x", "prod-AppBeta/x"]],
      ["all: negation", ["!prod"], ["SecretOne", "COMPANYthings", "plain"]],
    ])("%s", async (_case, values, expected) => {
      expect(await filtered(["all", values])).toEqual(expected);
    });

    test("tag-key and tag-value: case-sensitive prefix of any tag", async () => {
      expect(await filtered(["tag-key", ["Te"]])).toEqual(["SecretOne"]);
      expect(await filtered(["tag-key", ["te"]])).toEqual([]);
      expect(await filtered(["tag-value", ["pro"]])).toEqual(["prod-app_x"]);
      expect(await filtered(["tag-key", ["!env"]])).toEqual(["SecretOne", "COMPANYthings", "prod-AppBeta/x", "plain"]);
    });

    test("owning-service and primary-region match only secrets that have them", async () => {
      const w = store.edit(store.accountId, "us-east-1", "plain");
      w.owningService = "appflow";
      const r = store.edit(store.accountId, "us-east-1", "COMPANYthings");
      r.primaryRegion = "us-east-1";
      r.replicas = [{ region: "eu-west-1", status: "InSync" }];
      expect(await filtered(["owning-service", ["app"]])).toEqual(["plain"]);
      expect(await filtered(["owning-service", ["AppFlow"]])).toEqual(["plain"]);
      expect(await filtered(["primary-region", ["us-east"]])).toEqual(["COMPANYthings"]);
      expect(await filtered(["primary-region", ["US-east"]])).toEqual([]);
      const out = await client.send(new ListSecretsCommand({ Filters: [{ Key: "owning-service", Values: ["appflow"] }] }));
      expect(out.SecretList![0].OwningService).toBe("appflow");
    });

    // An unknown key and a value with a star: parity scenario list/filter-errors.
    test("more than 10 values in a filter is ValidationException", async () => {
      const many = await failure(
        client.send(new ListSecretsCommand({ Filters: [{ Key: "name", Values: Array.from({ length: 11 }, () => "a") }] })),
      );
      expect(many.name).toBe("ValidationException");
    });

    test("a filter without Key or Values is InvalidParameterException", async () => {
      expect(await failure(client.send(new ListSecretsCommand({ Filters: [{ Values: ["x"] }] })))).toBeInstanceOf(
        InvalidParameterException,
      );
      expect(await failure(client.send(new ListSecretsCommand({ Filters: [{ Key: "name" }] })))).toBeInstanceOf(InvalidParameterException);
    });
  });

  describe("pagination", () => {
    const N = 25;
    beforeEach(async () => {
      for (let i = 0; i < N; i++) await create(`s-${String(i).padStart(2, "0")}`);
    });

    test("MaxResults pages with NextToken; the last page has none", async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await client.send(new ListSecretsCommand({ MaxResults: 10, NextToken: token }));
        expect(out.SecretList!.length).toBeLessThanOrEqual(10);
        seen.push(...out.SecretList!.map((s) => s.Name!));
        token = out.NextToken;
        pages++;
      } while (token !== undefined);
      expect(pages).toBe(3);
      expect(seen).toEqual(Array.from({ length: N }, (_, i) => `s-${String(i).padStart(2, "0")}`));
    });

    test("the default page size is 100", async () => {
      for (let i = N; i < 105; i++) await create(`s-${i}`);
      const first = await client.send(new ListSecretsCommand({}));
      expect(first.SecretList).toHaveLength(100);
      const second = await client.send(new ListSecretsCommand({ NextToken: first.NextToken }));
      expect(second.SecretList).toHaveLength(5);
      expect(second.NextToken).toBeUndefined();
    });

    test("paginateListSecrets from the SDK walks every secret once", async () => {
      const seen: string[] = [];
      for await (const page of paginateListSecrets({ client, pageSize: 7 }, {})) seen.push(...page.SecretList!.map((s) => s.Name!));
      expect(seen).toHaveLength(N);
      expect(new Set(seen).size).toBe(N);
    });

    test("stable while secrets are added and removed between pages: each one present throughout is listed once", async () => {
      const seen: string[] = [];
      let token: string | undefined;
      let round = 0;
      do {
        const out = await client.send(new ListSecretsCommand({ MaxResults: 4, NextToken: token }));
        seen.push(...out.SecretList!.map((s) => s.Name!));
        token = out.NextToken;
        // Between pages: remove the last one listed, one not yet listed, and add a new one.
        const last = out.SecretList![out.SecretList!.length - 1].Name!;
        await client.send(new DeleteSecretCommand({ SecretId: last, ForceDeleteWithoutRecovery: true }));
        const ahead = `s-${String(23 - round).padStart(2, "0")}`;
        if (!seen.includes(ahead)) await client.send(new DeleteSecretCommand({ SecretId: ahead, ForceDeleteWithoutRecovery: true }));
        await create(`new-${round}`);
        round++;
      } while (token !== undefined && round < 50);
      expect(new Set(seen).size).toBe(seen.length);
      const survivorsFromStart = Array.from({ length: N }, (_, i) => `s-${String(i).padStart(2, "0")}`).filter(
        (n) => store.getSecret(store.accountId, "us-east-1", n) !== undefined,
      );
      for (const n of survivorsFromStart) expect(seen).toContain(n);
      // Secrets added during the walk come after the older ones in creation order, so they are listed too.
      expect(seen.filter((n) => n.startsWith("new-")).length).toBeGreaterThan(0);
    });

    test("stable for a name sort while secrets are added before the cursor", async () => {
      const p1 = await client.send(new ListSecretsCommand({ MaxResults: 10, SortBy: "name" }));
      await create("a-first");
      await create("s-05x");
      const p2 = await client.send(new ListSecretsCommand({ MaxResults: 10, SortBy: "name", NextToken: p1.NextToken }));
      expect(p2.SecretList!.map((s) => s.Name)).toEqual(["s-10", "s-11", "s-12", "s-13", "s-14", "s-15", "s-16", "s-17", "s-18", "s-19"]);
    });

    test("with filters, pages are filled from matching secrets and no empty last page is returned", async () => {
      const Filters = [{ Key: "name" as const, Values: ["s-1", "s-2"] }];
      const p1 = await client.send(new ListSecretsCommand({ MaxResults: 10, Filters }));
      expect(p1.SecretList).toHaveLength(10);
      const p2 = await client.send(new ListSecretsCommand({ MaxResults: 10, Filters, NextToken: p1.NextToken }));
      expect(p2.SecretList!.map((s) => s.Name)).toEqual(["s-20", "s-21", "s-22", "s-23", "s-24"]);
      expect(p2.NextToken).toBeUndefined();
      const exact = await client.send(new ListSecretsCommand({ MaxResults: 5, Filters: [{ Key: "name", Values: ["s-2"] }] }));
      expect(exact.SecretList).toHaveLength(5);
      expect(exact.NextToken).toBeUndefined();
    });

    test("a page reflects changes made after the previous page (no stale entries)", async () => {
      const p1 = await client.send(new ListSecretsCommand({ MaxResults: 20 }));
      await client.send(new TagResourceCommand({ SecretId: "s-22", Tags: [{ Key: "late", Value: "yes" }] }));
      await client.send(new GetSecretValueCommand({ SecretId: "s-23" }));
      const p2 = await client.send(new ListSecretsCommand({ MaxResults: 20, NextToken: p1.NextToken }));
      expect(p2.SecretList!.map((s) => s.Name)).toEqual(["s-20", "s-21", "s-22", "s-23", "s-24"]);
      expect(p2.SecretList![2].Tags).toEqual([{ Key: "late", Value: "yes" }]);
      expect(p2.SecretList![3].LastAccessedDate).toEqual(new Date("2024-03-01T00:00:00Z"));
    });

    test("a bad NextToken is InvalidNextTokenException", async () => {
      // A token that is no token at all: parity scenario list/pagination.
      for (const NextToken of [Buffer.from("{}").toString("base64"), Buffer.from("[1]").toString("base64")]) {
        const e = await failure(client.send(new ListSecretsCommand({ NextToken })));
        expect(e).toBeInstanceOf(InvalidNextTokenException);
        expect(e.message).toBe("The NextToken value is invalid.");
      }
    });

    test("a token made for another sort is InvalidNextTokenException", async () => {
      const p1 = await client.send(new ListSecretsCommand({ MaxResults: 5 }));
      const e = await failure(client.send(new ListSecretsCommand({ MaxResults: 5, SortBy: "name", NextToken: p1.NextToken })));
      expect(e).toBeInstanceOf(InvalidNextTokenException);
    });

    // MaxResults 0: parity scenario list/pagination.
    test.each([101])("MaxResults %i is ValidationException", async (MaxResults) => {
      expect((await failure(client.send(new ListSecretsCommand({ MaxResults })))).name).toBe("ValidationException");
    });
  });

  test("tags added later are found by the tag filters", async () => {
    await create("x");
    expect(await filtered(["tag-key", ["owner"]])).toEqual([]);
    await client.send(new TagResourceCommand({ SecretId: "x", Tags: [{ Key: "owner", Value: "me" }] }));
    expect(await filtered(["tag-key", ["owner"]])).toEqual(["x"]);
  });
});
