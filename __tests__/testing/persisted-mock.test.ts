/**
 * useSecretsManagerMock with `persist`: the store it builds holds the state file like any other
 * (a second store is refused) and is closed by the helper (after the suite with "reset", after
 * each test with "fresh"), so the next suite or test file of the same worker can open the file.
 */
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SecretsStore, StateFileInUseError } from "secrets-manager-mock";
import { useSecretsManagerMock } from "secrets-manager-mock/jest";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-persisted-mock-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const client = new SecretsManagerClient({ region: "us-east-1" });
const savedNames = (file: string): string[] =>
  JSON.parse(fs.readFileSync(file, "utf8")).partitions.flatMap((p: { secrets: { name: string }[] }) => p.secrets.map((s) => s.name));

describe("reset isolation", () => {
  const file = path.join(dir, "reset.json");
  const sm = useSecretsManagerMock({ persist: { path: file } });

  test("the suite's store holds the file: another store on it is refused", async () => {
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, "utf8")).pid).toBe(process.pid);
    expect(() => new SecretsStore({ persist: { path: file } })).toThrow(StateFileInUseError);
    await client.send(new CreateSecretCommand({ Name: "written/in-reset-suite", SecretString: "v" }));
    expect(sm.store.getSecret(sm.store.accountId, "us-east-1", "written/in-reset-suite")).toBeDefined();
  });
});

describe("once the reset suite is over", () => {
  test("its store was saved and closed: the file opens again, with what its last test left", async () => {
    const file = path.join(dir, "reset.json");
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    expect(savedNames(file)).toEqual(["written/in-reset-suite"]);
    const reopened = new SecretsStore({ persist: { path: file } });
    await reopened.close();
  });
});

describe("fresh isolation", () => {
  const file = path.join(dir, "fresh.json");
  const sm = useSecretsManagerMock({ persist: { path: file }, isolation: "fresh" });

  test("test 1 writes through its own store", async () => {
    await client.send(new CreateSecretCommand({ Name: "from-test-1", SecretString: "one" }));
    expect(JSON.parse(fs.readFileSync(`${file}.lock`, "utf8")).pid).toBe(process.pid);
  });

  test("test 2's store was opened after test 1's was closed, and starts from what test 1 saved", async () => {
    expect((await client.send(new GetSecretValueCommand({ SecretId: "from-test-1" }))).SecretString).toBe("one");
    expect(sm.store.exportState().partitions[0].secrets.map((s) => s.name)).toEqual(["from-test-1"]);
  });
});

test("a suite whose state file another store holds fails as it is collected, naming the holder", async () => {
  const file = path.join(dir, "held.json");
  const holder = new SecretsStore({ persist: { path: file } });
  const hooks = { beforeEach: () => undefined, afterEach: () => undefined };
  expect(() => useSecretsManagerMock({ persist: { path: file } }, hooks)).toThrow(
    `state file ${file} is in use: another SecretsStore in this process (${process.pid}) holds it`,
  );
  await holder.close();
});

test("a store passed in is the caller's: the helper never closes it", async () => {
  const file = path.join(dir, "passed.json");
  const store = new SecretsStore({ persist: { path: file } });
  const registered: Record<string, () => void | Promise<void>> = {};
  const hooks = {
    beforeEach: (fn: () => void | Promise<void>) => void (registered.beforeEach = fn),
    afterEach: (fn: () => void | Promise<void>) => void (registered.afterEach = fn),
    afterAll: (fn: () => void | Promise<void>) => void (registered.afterAll = fn),
  };
  useSecretsManagerMock({ store, isolation: "fresh" }, hooks);
  await registered.beforeEach();
  await registered.afterEach();
  expect(registered.afterAll).toBeUndefined();
  expect(fs.existsSync(`${file}.lock`)).toBe(true);
  await store.close();
});
