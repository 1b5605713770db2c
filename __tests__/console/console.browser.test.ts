/**
 * The console in a real headless Chromium (Debian's `/usr/bin/chromium`, driven by
 * playwright-core): list, search, open, versions and labels, reveal, every action through the UI
 * (each checked with a real SecretsManagerClient against the same server), AWS errors shown with
 * nothing changed, live updates, the XSS cases and the Content-Security-Policy. Writes the
 * screenshot to test-output/console.png (and docs/console.png when it is missing, or with
 * UPDATE_SCREENSHOT=1).
 *
 * In CI (`CI` set) a missing browser fails the suite; elsewhere the suite is skipped with a note.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from "@aws-sdk/client-secrets-manager";
import { chromium, type BrowserContext, type Dialog, type Page } from "playwright-core";
import {
  ManualClock,
  passwordRotationFunction,
  SecretsStore,
  startSecretsManagerServer,
  type SecretsManagerServer,
} from "secrets-manager-mock";
import { failure } from "../helpers/call-failure";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.join(__dirname, "../..");
const T0 = new Date("2024-01-01T00:00:00Z");
const ROTATION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db";
const credentials = { accessKeyId: "test", secretAccessKey: "test" };
const XSS_DESCRIPTION = `<img src=x onerror="window.__xss='description'">`;
const XSS_TAG = `<script>window.__xss='tag'</script>`;
const XSS_VALUE = `"><svg onload="window.__xss='value'"></svg>`;

const available = fs.existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  process.stderr.write(
    `console browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; in CI they fail instead)\n`,
  );
}
const describeBrowser = available || process.env.CI ? describe : describe.skip;

jest.setTimeout(30_000);

let context: BrowserContext;
let page: Page;
let server: SecretsManagerServer;
let store: SecretsStore;
let clock: ManualClock;
let client: SecretsManagerClient;
let userDataDir: string;
/** What beforeAll opened, in order: it may stop early (no Chromium), and afterAll closes only that. */
const opened: (() => void | Promise<void>)[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

async function openConsole(): Promise<void> {
  await page.goto(server.consoleUrl!);
  await page.locator("#partition option").first().waitFor({ state: "attached" });
}

/** Clicks `name` in the list and waits for its details. */
async function open(name: string): Promise<void> {
  await page.locator(`#secrets tbody tr[data-name="${name}"]`).click();
  await page.locator("#detail-pane h2", { hasText: name }).waitFor();
}

/** Clears the message line, runs `step`, and returns the message the action left. */
async function action(step: () => Promise<void>): Promise<string> {
  await page.evaluate(() => {
    const m = document.getElementById("message")!;
    m.hidden = true;
    m.textContent = "";
  });
  await step();
  const message = page.locator("#message:not([hidden])");
  await message.waitFor();
  return (await message.textContent()) ?? "";
}

/** Opens the form of `button` in the open secret, fills `fields` and saves it. */
async function submitForm(
  button: string,
  fields: Record<string, string | boolean>,
  scope = page.locator("#detail-pane .actions").first(),
): Promise<string> {
  return action(async () => {
    await scope.getByRole("button", { name: button, exact: true }).click();
    const form = page.locator("form.action");
    await form.waitFor();
    for (const [name, value] of Object.entries(fields)) {
      const input = form.locator(`[name="${name}"]`);
      if (typeof value === "boolean") await input.setChecked(value);
      else await input.fill(value);
    }
    await form.getByRole("button", { name: "Save" }).click();
  });
}

async function describeSecret(id: string) {
  return client.send(new DescribeSecretCommand({ SecretId: id }));
}

describeBrowser("the console in Chromium", () => {
  beforeAll(async () => {
    if (!available) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs it (apt-get install -y chromium)`);
    clock = new ManualClock(T0);
    store = new SecretsStore({ seed: 16, clock });
    store.registerRotationFunction(ROTATION_ARN, passwordRotationFunction());
    server = await startSecretsManagerServer({ port: 0, store });
    opened.push(() => server.close());
    client = new SecretsManagerClient({ endpoint: server.url, region: "us-east-1", credentials });
    opened.push(() => client.destroy());
    await client.send(
      new CreateSecretCommand({
        Name: "app/db",
        Description: "Database credentials",
        SecretString: JSON.stringify({ username: "app", password: "first-password" }),
        Tags: [{ Key: "team", Value: "payments" }],
      }),
    );
    await client.send(
      new PutSecretValueCommand({ SecretId: "app/db", SecretString: JSON.stringify({ username: "app", password: "second-password" }) }),
    );
    await client.send(new CreateSecretCommand({ Name: "app/api-key", Description: "Key of the partner API", SecretString: "plain-key" }));
    await client.send(
      new CreateSecretCommand({
        Name: "ops/xss",
        Description: XSS_DESCRIPTION,
        SecretString: XSS_VALUE,
        Tags: [{ Key: "note", Value: XSS_TAG }],
      }),
    );

    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-chromium-"));
    opened.push(() => fs.rmSync(userDataDir, { recursive: true, force: true }));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    opened.push(() => context.close());
    page = context.pages()[0] ?? (await context.newPage());
    page.on("dialog", (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.accept();
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // Fail a step fast, with what it waited for, rather than at the test timeout.
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    // Last opened, first closed: the browser, its profile directory, the client, the server.
    for (const close of opened.reverse()) await close();
  });

  test("the page is served with a policy that forbids inline script, and it holds", async () => {
    const response = await page.goto(server.consoleUrl!);
    const headers = response!.headers();
    expect(headers["content-security-policy"]).toContain("script-src 'self'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // An inline script added to the page does not run.
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inline = true";
      document.body.append(s);
    });
    expect(await page.evaluate(() => (window as { __inline?: boolean }).__inline)).toBeUndefined();
  });

  test("lists the secrets of the partition, and searches as ListSecrets filters do", async () => {
    await openConsole();
    const names = () => page.locator("#secrets tbody tr[data-name]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name")));
    await page.locator('#secrets tr[data-name="ops/xss"]').waitFor();
    expect(await names()).toEqual(["app/db", "app/api-key", "ops/xss"]);
    expect(await page.locator("#partition").inputValue()).toBe("123456789012/us-east-1");

    await page.locator("#filter-value").fill("partner");
    await page.locator("#secrets tbody tr[data-name]").first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll("#secrets tbody tr[data-name]").length === 1);
    expect(await names()).toEqual(["app/api-key"]);
    await page.locator("#filter-key").selectOption("tag-key");
    await page.locator("#filter-value").fill("team");
    await page.waitForFunction(() => document.querySelector("#secrets tbody tr[data-name]")?.getAttribute("data-name") === "app/db");
    expect(await names()).toEqual(["app/db"]);
    await page.locator("#filter-key").selectOption("all");
    await page.locator("#filter-value").fill("");
    await page.waitForFunction(() => document.querySelectorAll("#secrets tbody tr[data-name]").length === 3);
  });

  test("opens a secret: metadata, every version with its labels, values hidden until revealed", async () => {
    await open("app/db");
    const described = await describeSecret("app/db");
    expect(await page.locator('[data-field="ARN"]').textContent()).toBe(described.ARN);
    expect(await page.locator('[data-field="Description"]').textContent()).toBe("Database credentials");
    const versions = await client.send(new ListSecretVersionIdsCommand({ SecretId: "app/db" }));
    for (const v of versions.Versions!) {
      const labels = await page.locator(`tr[data-version="${v.VersionId}"] .label`).allTextContents();
      expect(labels.sort()).toEqual([...v.VersionStages!].sort());
    }
    expect(await page.locator("#detail-pane").textContent()).not.toContain("second-password");
    const current = Object.entries(described.VersionIdsToStages!).find(([, s]) => s.includes("AWSCURRENT"))![0];
    await page.locator(`button[data-reveal="${current}"]`).click();
    const shown = await page.locator(`pre[data-value="${current}"]`).textContent();
    expect(shown).toBe(JSON.stringify({ username: "app", password: "second-password" }, null, 2));
  });

  test("a screenshot of the console", async () => {
    const out = path.join(ROOT, "test-output");
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, "console.png");
    await page.screenshot({ path: file, fullPage: true });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
    const docs = path.join(ROOT, "docs/console.png");
    fs.mkdirSync(path.dirname(docs), { recursive: true });
    if (process.env.UPDATE_SCREENSHOT === "1" || !fs.existsSync(docs)) fs.copyFileSync(file, docs);
  });

  test("user data is shown as text: markup in a description, tag or value runs nothing", async () => {
    await open("ops/xss");
    expect(await page.locator('[data-field="Description"]').textContent()).toBe(XSS_DESCRIPTION);
    expect(await page.locator("#tags").textContent()).toContain(XSS_TAG);
    expect(await page.locator('#secrets tr[data-name="ops/xss"]').textContent()).toContain(XSS_DESCRIPTION);
    await page.locator("button[data-reveal]").click();
    expect(await page.locator("pre[data-value]").textContent()).toBe(XSS_VALUE);
    // Nothing the data spells became an element, and nothing ran.
    expect(await page.locator("main img, main svg, main script").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test("edit the description and the encryption key", async () => {
    await open("app/db");
    expect(await submitForm("Edit description", { Description: "Primary database <b>" })).toBe("Edit description: done.");
    expect((await describeSecret("app/db")).Description).toBe("Primary database <b>");
    expect(await page.locator('[data-field="Description"]').textContent()).toBe("Primary database <b>");
    expect(await submitForm("Edit encryption key", { KmsKeyId: "alias/app-key" })).toBe("Edit encryption key: done.");
    expect((await describeSecret("app/db")).KmsKeyId).toBe("alias/app-key");
  });

  test("edit tags: add one, remove one", async () => {
    await open("app/db");
    expect(await submitForm("Add tag", { Key: "env", Value: "dev" })).toBe("Add tag: done.");
    expect((await describeSecret("app/db")).Tags).toEqual([
      { Key: "team", Value: "payments" },
      { Key: "env", Value: "dev" },
    ]);
    expect(await action(() => page.locator('button[data-untag="team"]').click())).toBe("Remove tag: done.");
    expect((await describeSecret("app/db")).Tags).toEqual([{ Key: "env", Value: "dev" }]);
  });

  test("edit the value: the retrieved value is offered; the new version is AWSCURRENT, the old one AWSPREVIOUS", async () => {
    await open("app/db");
    const before = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    await page.locator("#detail-pane .actions").first().getByRole("button", { name: "Edit value", exact: true }).click();
    const area = page.locator('form.action textarea[name="SecretString"]');
    await page.waitForFunction(() =>
      Boolean(document.querySelector<HTMLTextAreaElement>('form.action textarea[name="SecretString"]')?.value),
    );
    expect(JSON.parse(await area.inputValue())).toEqual({ username: "app", password: "second-password" });
    await area.fill(JSON.stringify({ username: "app", password: "third-password" }));
    expect(await action(() => page.locator("form.action").getByRole("button", { name: "Save" }).click())).toBe("Edit value: done.");
    const current = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    expect(JSON.parse(current.SecretString!).password).toBe("third-password");
    const previous = await client.send(new GetSecretValueCommand({ SecretId: "app/db", VersionStage: "AWSPREVIOUS" }));
    expect(previous.VersionId).toBe(before.VersionId);
    // The first version lost its last label: shown as deprecated.
    expect(await page.locator("tr.deprecated[data-version]").count()).toBe(1);
    expect(await page.locator("tr.deprecated[data-version] .deprecated").textContent()).toBe("deprecated");
  });

  test("an AWS error is shown with its code and message, and nothing changes", async () => {
    const before = JSON.stringify(store.exportState());
    const message = await action(async () => {
      await page.locator("#tools").getByRole("button", { name: "Create secret" }).click();
      const form = page.locator('form[data-form="create"]');
      await form.locator('[name="Name"]').fill("app/db");
      await form.locator('[name="SecretString"]').fill("x");
      await form.getByRole("button", { name: "Save" }).click();
    });
    expect(message).toBe("ResourceExistsException: The operation failed because the secret app/db already exists.");
    await page.locator('form[data-form="create"]').getByRole("button", { name: "Cancel" }).click();
    await open("app/db");
    expect(await submitForm("Edit permissions", { ResourcePolicy: "{ not json" })).toMatch(/^MalformedPolicyDocumentException: /);
    expect(JSON.stringify(store.exportState())).toBe(before);
  });

  test("create a secret", async () => {
    const message = await action(async () => {
      await page.locator("#tools").getByRole("button", { name: "Create secret" }).click();
      const form = page.locator('form[data-form="create"]');
      await form.locator('[name="Name"]').fill("made/in-console");
      await form.locator('[name="Description"]').fill("from the UI");
      await form.locator('[name="SecretString"]').fill("console-value");
      await form.getByRole("button", { name: "Save" }).click();
    });
    expect(message).toBe("Create secret: done.");
    const got = await client.send(new GetSecretValueCommand({ SecretId: "made/in-console" }));
    expect(got.SecretString).toBe("console-value");
    await page.locator("#detail-pane h2", { hasText: "made/in-console" }).waitFor();
  });

  test("edit rotation, and rotate now", async () => {
    await open("app/db");
    expect(
      await submitForm("Edit rotation", { RotationLambdaARN: ROTATION_ARN, ScheduleExpression: "rate(30 days)", RotateImmediately: false }),
    ).toBe("Edit rotation: done.");
    const rotated = await describeSecret("app/db");
    expect(rotated.RotationEnabled).toBe(true);
    expect(rotated.RotationLambdaARN).toBe(ROTATION_ARN);
    expect(rotated.RotationRules).toEqual({ ScheduleExpression: "rate(30 days)" });
    const before = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    expect(await action(() => page.locator("#detail-pane .actions").first().getByRole("button", { name: "Rotate now" }).click())).toBe(
      "Rotate now: done.",
    );
    const after = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    expect(after.VersionId).not.toBe(before.VersionId);
    expect(JSON.parse(after.SecretString!).password).not.toBe("third-password");
    expect(store.rotationFailures).toEqual([]);
  });

  test("edit permissions (resource policy)", async () => {
    await open("app/db");
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "secretsmanager:GetSecretValue", Resource: "*" },
      ],
    };
    expect(await submitForm("Edit permissions", { ResourcePolicy: JSON.stringify(policy) })).toBe("Edit permissions: done.");
    const got = await client.send(new GetResourcePolicyCommand({ SecretId: "app/db" }));
    expect(JSON.parse(got.ResourcePolicy!)).toEqual(policy);
    expect(JSON.parse((await page.locator("#policy").textContent())!)).toEqual(policy);
  });

  test("replicate to another region, then edit the replica's encryption key", async () => {
    await open("app/db");
    expect(await submitForm("Replicate", { Region: "eu-west-1" })).toBe("Replicate: done.");
    expect((await describeSecret("app/db")).ReplicationStatus).toEqual([
      expect.objectContaining({ Region: "eu-west-1", Status: "InSync" }),
    ]);
    const message = await submitForm("Edit encryption key", { KmsKeyId: "alias/eu-key" }, page.locator('tr[data-replica="eu-west-1"]'));
    expect(message).toBe("Edit encryption key of the replica in eu-west-1: done.");
    expect((await describeSecret("app/db")).ReplicationStatus).toEqual([
      expect.objectContaining({ Region: "eu-west-1", KmsKeyId: "alias/eu-key" }),
    ]);
    // The replica's partition is in the switcher, and its secret is listed there.
    await page.locator("#partition").selectOption("123456789012/eu-west-1");
    await page.locator('#secrets tr[data-name="app/db"]').waitFor();
    await page.locator("#partition").selectOption("123456789012/us-east-1");
    await page.locator('#secrets tr[data-name="app/api-key"]').waitFor();
  });

  test("move a label (UpdateSecretVersionStage)", async () => {
    await open("app/db");
    const described = await describeSecret("app/db");
    const previous = Object.entries(described.VersionIdsToStages!).find(([, s]) => s.includes("AWSPREVIOUS"))![0];
    expect(await submitForm("Move label", { VersionStage: "AWSCURRENT", MoveToVersionId: previous })).toBe("Move label: done.");
    expect((await client.send(new GetSecretValueCommand({ SecretId: "app/db" }))).VersionId).toBe(previous);
    expect(await page.locator(`tr[data-version="${previous}"] .label`).allTextContents()).toContain("AWSCURRENT");
  });

  test("delete with a recovery window, see the deletion date, restore", async () => {
    await open("app/api-key");
    expect(await submitForm("Delete", { RecoveryWindowInDays: "7" })).toBe("Delete: done.");
    expect((await describeSecret("app/api-key")).DeletedDate).toEqual(T0);
    await page.locator("#include-deleted").check();
    const row = page.locator('#secrets tr.deleted[data-name="app/api-key"]');
    await row.waitFor();
    expect(await row.locator("td").nth(3).textContent()).toBe("2024-01-08T00:00:00.000Z");
    await open("app/api-key");
    expect(await action(() => page.getByRole("button", { name: "Restore" }).click())).toBe("Restore: done.");
    expect((await describeSecret("app/api-key")).DeletedDate).toBeUndefined();
  });

  test("advance a ManualClock: a secret whose window has passed is gone", async () => {
    await open("app/api-key");
    expect(await submitForm("Delete", { RecoveryWindowInDays: "7" })).toBe("Delete: done.");
    const message = await action(async () => {
      await page.locator("#tools").getByRole("button", { name: "Advance clock" }).click();
      const form = page.locator('form[data-form="clock"]');
      await form.locator('[name="days"]').fill("8");
      await form.getByRole("button", { name: "Save" }).click();
    });
    expect(message).toBe("Advance clock: done.");
    expect(clock.now()).toEqual(new Date("2024-01-09T00:00:00Z"));
    expect((await failure(describeSecret("app/api-key"))).name).toBe("ResourceNotFoundException");
    expect(await page.locator("#clock").textContent()).toContain("2024-01-09T00:00:00.000Z");
  });

  test("live: a secret created by another client appears, and the call is in the feed", async () => {
    await client.send(new CreateSecretCommand({ Name: "live/from-sdk", SecretString: "live-value" }));
    await page.locator('#secrets tr[data-name="live/from-sdk"]').waitFor({ timeout: 5_000 });
    const call = page.locator('#feed tr[data-operation="CreateSecret"][data-source="http"]').first();
    await call.waitFor();
    expect(await call.locator("td").nth(3).textContent()).toBe("live/from-sdk");
    expect(await call.locator("td").nth(5).textContent()).toBe("ok");
    expect(await page.locator("#feed").textContent()).not.toContain("live-value");
    await client.send(new TagResourceCommand({ SecretId: "live/from-sdk", Tags: [{ Key: "k", Value: "v" }] }));
    await page.locator('#feed tr[data-operation="TagResource"]').first().waitFor();
  });

  test("the sidecar caches: what the Agent holds and until when, never the value", async () => {
    const withAgent = await startSecretsManagerServer({ port: 0, store, agentPort: 0 });
    const second = await context.newPage();
    try {
      const read = await fetch(`${withAgent.agentUrl!}/v1/app/db`, { headers: { "X-Aws-Parameters-Secrets-Token": "any" } });
      expect(read.status).toBe(200);
      const { VersionId, SecretString } = (await read.json()) as { VersionId: string; SecretString: string };
      await second.goto(withAgent.consoleUrl!);
      const row = second.locator("#sidecars tbody tr").first();
      await row.waitFor();
      expect(await second.locator("#sidecars-pane").isVisible()).toBe(true);
      const cells = await row.locator("td").allTextContents();
      const expires = new Date(clock.now().getTime() + 300_000).toISOString();
      expect(cells).toEqual(["agent", "app/db", "", VersionId, expires]);
      expect(SecretString.length).toBeGreaterThan(0);
      expect(await second.locator("#sidecars").textContent()).not.toContain(SecretString);
    } finally {
      await second.close();
      await withAgent.close();
    }
  });

  test("export the state (download)", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export state" }).click()]);
    const file = path.join(userDataDir, "export.json");
    await download.saveAs(file);
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(doc.formatVersion).toBe(1);
    expect(doc).toEqual(JSON.parse(JSON.stringify(store.exportState())));
  });

  test("the built package's console (dist/, which npm test builds first) runs too", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { main: string };
    const built = path.join(ROOT, pkg.main);
    if (!fs.existsSync(built)) throw new Error("dist/ is missing: run `npm run build` (npm test does)");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const dist = require(built) as { startSecretsManagerServer: typeof startSecretsManagerServer; SecretsStore: typeof SecretsStore };
    const builtServer = await dist.startSecretsManagerServer({
      port: 0,
      store: new dist.SecretsStore({ fixtures: { secrets: { "from/dist": { SecretString: "v" } } } }),
    });
    const other = await context.newPage();
    const errors: string[] = [];
    other.on("pageerror", (e) => errors.push(e.message));
    try {
      await other.goto(builtServer.consoleUrl!);
      await other.locator('#secrets tr[data-name="from/dist"]').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await other.close();
      await builtServer.close();
    }
  });

  test("reset (after confirming) empties the store", async () => {
    const message = await action(() => page.locator("#tools").getByRole("button", { name: "Reset" }).click());
    expect(message).toBe("Reset: done.");
    expect(dialogs).toEqual(["confirm: Reset the store to how it started?"]);
    expect(store.exportState().partitions.flatMap((p) => p.secrets)).toEqual([]);
    await page.locator("#secrets td.hint", { hasText: "No secrets." }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
