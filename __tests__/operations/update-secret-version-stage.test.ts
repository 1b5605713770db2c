/**
 * UpdateSecretVersionStage (reference/aws-behaviour.md §2, §3.9; aws-api-facts.md §5.6), checked
 * through ListSecretVersionIds with IncludeDeprecated.
 *
 * The worked sequence of aws-behaviour.md §2, remove-only, moving AWSCURRENT without
 * RemoveFromVersionId and a label not on RemoveFromVersionId are described once, by the parity
 * scenarios labels/worked-sequence, labels/remove-only, labels/move-current-without-remove-from
 * and labels/version-errors (src/parity/catalogue/versions.ts, run by __tests__/parity/catalogue.test.ts).
 */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  LimitExceededException,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { ManualClock, Messages, SecretsStore } from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";

const T0 = new Date("2024-03-01T10:30:00Z");
const V = (n: number) => `${String(n).padStart(8, "0")}-0000-4000-8000-000000000000`;

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("UpdateSecretVersionStage via %s", (_name, way: WayIn) => {
  let store: SecretsStore;
  let client: SecretsManagerClient;

  beforeEach(() => {
    ({ store, client } = setup(way, { clock: new ManualClock(T0), seed: 5 }));
  });

  /** Every version's labels (sorted; undefined = deprecated), from ListSecretVersionIds IncludeDeprecated. */
  async function labels(SecretId = "s"): Promise<Record<string, string[] | undefined>> {
    const out = await client.send(new ListSecretVersionIdsCommand({ SecretId, IncludeDeprecated: true }));
    const result: Record<string, string[] | undefined> = {};
    for (const v of out.Versions!) {
      expect(v.VersionStages === undefined || v.VersionStages.length > 0).toBe(true);
      result[v.VersionId!] = v.VersionStages === undefined ? undefined : [...v.VersionStages].sort();
    }
    return result;
  }

  const put = (n: number, stages?: string[]) =>
    client.send(new PutSecretValueCommand({ SecretId: "s", SecretString: `S${n}`, ClientRequestToken: V(n), VersionStages: stages }));
  const stage = (VersionStage: string, RemoveFromVersionId?: string, MoveToVersionId?: string) =>
    client.send(new UpdateSecretVersionStageCommand({ SecretId: "s", VersionStage, RemoveFromVersionId, MoveToVersionId }));

  describe("with v1 [AWSPREVIOUS] and v2 [AWSCURRENT, PENDING]", () => {
    beforeEach(async () => {
      await client.send(new CreateSecretCommand({ Name: "s", SecretString: "S1", ClientRequestToken: V(1) }));
      await put(2, ["AWSCURRENT", "PENDING"]);
    });

    test("removing a version's last label deprecates it", async () => {
      await stage("AWSPREVIOUS", V(1));
      expect(await labels()).toEqual({ [V(1)]: undefined, [V(2)]: ["AWSCURRENT", "PENDING"] });
    });

    test("moving a custom label with RemoveFromVersionId = its holder", async () => {
      await stage("PENDING", V(2), V(1));
      expect(await labels()).toEqual({ [V(1)]: ["AWSPREVIOUS", "PENDING"], [V(2)]: ["AWSCURRENT"] });
    });

    test("a new label can be attached with MoveToVersionId alone", async () => {
      await stage("NEW", undefined, V(1));
      expect(await labels()).toEqual({ [V(1)]: ["AWSPREVIOUS", "NEW"], [V(2)]: ["AWSCURRENT", "PENDING"] });
    });

    test("moving AWSCURRENT back to the AWSPREVIOUS version swaps them", async () => {
      await stage("AWSCURRENT", V(2), V(1));
      expect(await labels()).toEqual({ [V(1)]: ["AWSCURRENT"], [V(2)]: ["AWSPREVIOUS", "PENDING"] });
      expect((await client.send(new GetSecretValueCommand({ SecretId: "s" }))).SecretString).toBe("S1");
    });

    test("the same rule holds for any label attached elsewhere", async () => {
      const e = await failure(stage("PENDING", undefined, V(1)));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toContain(`Staging label PENDING is currently attached to version ${V(2)}`);
    });

    // Removing a label a version lacks, without a move: parity scenario labels/version-errors.
    test("moving a label with a RemoveFromVersionId that does not hold it is InvalidParameterException", async () => {
      const e = await failure(stage("PENDING", V(1), V(1)));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe(`Version stage PENDING not found in version ${V(1)}`);
    });

    test.each([
      ["MoveToVersionId", () => [undefined, V(9)] as const],
      ["RemoveFromVersionId", () => [V(9), V(1)] as const],
    ])("an unknown %s is InvalidParameterException", async (_which, ids) => {
      const [from, to] = ids();
      const e = await failure(stage("PENDING", from, to));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(e.message).toBe(`Not a valid version: ${V(9)}`);
    });

    test("neither MoveToVersionId nor RemoveFromVersionId is InvalidParameterException", async () => {
      expect(await failure(stage("PENDING"))).toBeInstanceOf(InvalidParameterException);
    });

    test("AWSCURRENT can't be removed without moving it", async () => {
      const e = await failure(stage("AWSCURRENT", V(2)));
      expect(e).toBeInstanceOf(InvalidParameterException);
      expect(await labels()).toEqual({ [V(1)]: ["AWSPREVIOUS"], [V(2)]: ["AWSCURRENT", "PENDING"] });
    });

    test("moving a label to the version that already holds it changes nothing", async () => {
      const rev = store.revision;
      await stage("PENDING", V(2), V(2));
      await stage("PENDING", undefined, V(2));
      expect(store.revision).toBe(rev);
    });

    test("failures leave every label where it was", async () => {
      const before = await labels();
      await failure(stage("AWSCURRENT", undefined, V(1)));
      await failure(stage("PENDING", V(1), V(1)));
      expect(await labels()).toEqual(before);
    });
  });

  test("at most 20 labels per secret: the 21st is LimitExceededException", async () => {
    await client.send(new CreateSecretCommand({ Name: "s", SecretString: "S1", ClientRequestToken: V(1) }));
    for (let i = 0; i < 19; i++) await stage(`L${i}`, undefined, V(1));
    const e = await failure(stage("L19", undefined, V(1)));
    expect(e).toBeInstanceOf(LimitExceededException);
    expect(e.message).toBe(Messages.tooManyLabels);
    // Moving an existing label is still fine.
    await put(2, ["L0"]);
    await stage("L1", V(1), V(2));
    expect((await labels())[V(2)]).toEqual(["L0", "L1"]);
  });
});
