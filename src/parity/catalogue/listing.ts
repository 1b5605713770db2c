/**
 * ListSecrets filters, sort and pagination, and ListSecretVersionIds pages. Every listing is
 * confined to the scenario's own names by a `name` filter (the run never lists anything else); on
 * AWS a new secret may take a while to be listed, so the first listing waits for it.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  type Filter,
  ListSecretsCommand,
  type ListSecretsCommandOutput,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
} from "@aws-sdk/client-secrets-manager";
import type { Scenario, ScenarioContext } from "../scenario.js";

/** The filter every listing carries: this scenario's names only. */
const mine = (ctx: ScenarioContext): Filter => ({ Key: "name", Values: [ctx.prefix] });

const names = (out: ListSecretsCommandOutput | undefined) => (out?.SecretList ?? []).map((s) => s.Name);

async function waitForListing(
  ctx: ScenarioContext,
  count: number,
  extra: Partial<ConstructorParameters<typeof ListSecretsCommand>[0]> = {},
) {
  return ctx.eventually(
    "list all (waits for the listing)",
    new ListSecretsCommand({ Filters: [mine(ctx)], ...extra }),
    (o) => names(o).length === count,
  );
}

export const listingScenarios: Scenario[] = [
  {
    name: "list/filters",
    tags: ["list-secrets", "filters"],
    description:
      "The AWS-recorded filter table: name prefix (case-sensitive) and its negation, description word prefixes (case-insensitive), several terms, ORed values, ANDed filters.",
    async run(ctx) {
      const secrets: Array<[string, string]> = [
        ["testing1/one-1", "a secret"],
        ["/testing2/two-1", "an secret"],
        ["testing3/three-1", "asecret"],
        ["/testing4/four-1", "thesecret"],
      ];
      for (const [n, d] of secrets)
        await ctx.must(`create ${n}`, new CreateSecretCommand({ Name: ctx.name(n), Description: d, SecretString: "v" }));
      await waitForListing(ctx, 4);
      const cases: Array<[string, Filter[]]> = [
        ["name starting with /", [{ Key: "name", Values: [`${ctx.prefix}/`] }]],
        ["name not starting with /", [mine(ctx), { Key: "name", Values: [`!${ctx.prefix}/`] }]],
        ["name with a space", [{ Key: "name", Values: [`${ctx.prefix}testing1 one`] }]],
        ["description a", [mine(ctx), { Key: "description", Values: ["a"] }]],
        ["description !a", [mine(ctx), { Key: "description", Values: ["!a"] }]],
        ["description a secret", [mine(ctx), { Key: "description", Values: ["a secret"] }]],
        ["description !c", [mine(ctx), { Key: "description", Values: ["!c"] }]],
        ["description a and name an", [mine(ctx), { Key: "description", Values: ["a"] }, { Key: "name", Values: ["an"] }]],
        ["two values ORed", [mine(ctx), { Key: "description", Values: ["thesecret", "asecret"] }]],
        ["name is case-sensitive", [{ Key: "name", Values: [`${ctx.prefix}Testing1`] }]],
        ["description is case-insensitive", [mine(ctx), { Key: "description", Values: ["A SEC"] }]],
        ["description the", [mine(ctx), { Key: "description", Values: ["the"] }]],
        ["description a and name secret", [mine(ctx), { Key: "description", Values: ["a"] }, { Key: "name", Values: ["secret"] }]],
        ["two name values ORed", [{ Key: "name", Values: [`${ctx.prefix}testing1`, `${ctx.prefix}testing3`] }]],
        ["same-key filters ANDed", [mine(ctx), { Key: "name", Values: [`${ctx.prefix}testing1`] }]],
      ];
      for (const [label, Filters] of cases) {
        const out = await ctx.send(label, new ListSecretsCommand({ Filters }));
        ctx.check(
          `${label}: names`,
          names(out)
            .map((n) => n?.slice(ctx.prefix.length) ?? null)
            .sort(),
        );
      }
    },
  },
  {
    name: "list/tag-and-all-filters",
    tags: ["list-secrets", "filters"],
    description: "tag-key, tag-value and all filters (word prefixes, case-insensitive for all).",
    async run(ctx) {
      await ctx.must(
        "create a",
        new CreateSecretCommand({ Name: ctx.name("alpha"), SecretString: "v", Tags: [{ Key: "team", Value: "Payments" }] }),
      );
      await ctx.must("create b", new CreateSecretCommand({ Name: ctx.name("beta"), SecretString: "v", Description: "payments backup" }));
      await waitForListing(ctx, 2);
      for (const [label, f] of [
        ["tag-key team", { Key: "tag-key", Values: ["team"] }],
        ["tag-value Pay", { Key: "tag-value", Values: ["Pay"] }],
        ["tag-value pay (case)", { Key: "tag-value", Values: ["pay"] }],
        ["all payments", { Key: "all", Values: ["payments"] }],
      ] as Array<[string, Filter]>) {
        const out = await ctx.send(label, new ListSecretsCommand({ Filters: [mine(ctx), f] }));
        ctx.check(
          `${label}: names`,
          names(out)
            .map((n) => n?.slice(ctx.prefix.length) ?? null)
            .sort(),
        );
      }
    },
  },
  {
    name: "list/entry-and-sort",
    tags: ["list-secrets", "sort"],
    description: "A listed entry's members (SecretVersionsToStages, Tags, Description); SortOrder asc and desc by creation date.",
    async run(ctx) {
      await ctx.must("create first", new CreateSecretCommand({ Name: ctx.name("b-first"), SecretString: "v", Description: "first" }));
      await ctx.must("put first v2", new PutSecretValueCommand({ SecretId: ctx.name("b-first"), SecretString: "v2" }));
      await ctx.must("create second", new CreateSecretCommand({ Name: ctx.name("a-second"), SecretString: "v" }));
      await ctx.must("create third", new CreateSecretCommand({ Name: ctx.name("c-third") }));
      await waitForListing(ctx, 3);
      await ctx.send("oldest first", new ListSecretsCommand({ Filters: [mine(ctx)], SortOrder: "asc" }));
      const desc = await ctx.send("newest first", new ListSecretsCommand({ Filters: [mine(ctx)], SortOrder: "desc" }));
      ctx.check(
        "desc order",
        names(desc).map((n) => n?.slice(ctx.prefix.length) ?? null),
      );
    },
  },
  {
    name: "list/pagination",
    tags: ["list-secrets", "pagination"],
    description: "ListSecrets with MaxResults 2 over 3 secrets: a NextToken, then the last page without one; an invalid NextToken.",
    async run(ctx) {
      for (const n of ["one", "two", "three"])
        await ctx.must(`create ${n}`, new CreateSecretCommand({ Name: ctx.name(n), SecretString: "v" }));
      await waitForListing(ctx, 3);
      const first = await ctx.send("page 1", new ListSecretsCommand({ Filters: [mine(ctx)], MaxResults: 2 }));
      ctx.check("page 1 has a NextToken", typeof first?.NextToken === "string");
      const second = await ctx.send("page 2", new ListSecretsCommand({ Filters: [mine(ctx)], MaxResults: 2, NextToken: first?.NextToken }));
      ctx.check("all listed once", [...names(first), ...names(second)].map((n) => n?.slice(ctx.prefix.length) ?? null).sort());
      await ctx.send("invalid NextToken", new ListSecretsCommand({ Filters: [mine(ctx)], MaxResults: 2, NextToken: "not-a-token" }));
      await ctx.send("MaxResults 0", new ListSecretsCommand({ Filters: [mine(ctx)], MaxResults: 0 }));
    },
  },
  {
    name: "list/planned-deletion",
    tags: ["list-secrets", "deletion"],
    description: "A secret scheduled for deletion is left out of ListSecrets unless IncludePlannedDeletion is true.",
    async run(ctx) {
      await ctx.must("create kept", new CreateSecretCommand({ Name: ctx.name("kept"), SecretString: "v" }));
      await ctx.must("create deleted", new CreateSecretCommand({ Name: ctx.name("deleted"), SecretString: "v" }));
      await waitForListing(ctx, 2);
      await ctx.must("schedule deletion", new DeleteSecretCommand({ SecretId: ctx.name("deleted"), RecoveryWindowInDays: 7 }));
      await ctx.eventually("list without planned deletion", new ListSecretsCommand({ Filters: [mine(ctx)] }), (o) => names(o).length === 1);
      await ctx.eventually(
        "list with planned deletion",
        new ListSecretsCommand({ Filters: [mine(ctx)], IncludePlannedDeletion: true }),
        (o) => names(o).length === 2,
      );
    },
  },
  {
    name: "list/filter-errors",
    tags: ["list-secrets", "filters", "errors"],
    description: "An unknown filter key and a value with characters the model refuses: ValidationException.",
    async run(ctx) {
      await ctx.send("unknown key", new ListSecretsCommand({ Filters: [mine(ctx), { Key: "colour" as Filter["Key"], Values: ["red"] }] }));
      await ctx.send("value with a star", new ListSecretsCommand({ Filters: [mine(ctx), { Key: "description", Values: ["a*"] }] }));
    },
  },
  {
    name: "list/version-ids-pages",
    tags: ["versions", "pagination"],
    description: "ListSecretVersionIds with MaxResults 1 over two labelled versions: two pages linked by NextToken.",
    async run(ctx) {
      const id = ctx.name("app");
      await ctx.must("create", new CreateSecretCommand({ Name: id, SecretString: "v1" }));
      await ctx.must("put", new PutSecretValueCommand({ SecretId: id, SecretString: "v2" }));
      const first = await ctx.send("page 1", new ListSecretVersionIdsCommand({ SecretId: id, MaxResults: 1 }));
      ctx.check("page 1 has a NextToken", typeof first?.NextToken === "string");
      await ctx.send("page 2", new ListSecretVersionIdsCommand({ SecretId: id, MaxResults: 1, NextToken: first?.NextToken }));
    },
  },
];
