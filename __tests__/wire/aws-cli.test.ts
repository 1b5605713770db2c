/**
 * The Secrets Manager CLI guide examples (update-secret --description / --kms-key-id,
 * put-secret-value --secret-string, and from a JSON file with file://) run by the real AWS CLI
 * against the local endpoint; outputs have the documented shape.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";
import { startCli } from "./serve-process";

const awsVersion = spawnSync("aws", ["--version"], { encoding: "utf8" });
const available = awsVersion.status === 0;
if (!available) console.warn("AWS CLI tests skipped: no `aws` binary on PATH (install the AWS CLI to run them).");
const describeIfAws = available ? describe : describe.skip;

const ARN_RE = /^arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-[A-Za-z0-9]{6}$/;
const T0 = new Date("2024-01-01T12:34:56Z");
const KMS_KEY = "arn:aws:kms:us-west-2:123456789012:key/EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE";
const MYCREDS = {
  engine: "mysql",
  username: "saanvis",
  password: "EXAMPLE-PASSWORD",
  host: "my-database-endpoint.us-west-2.rds.amazonaws.com",
  dbname: "myDatabase",
  port: "3306",
};

jest.setTimeout(120_000);

describeIfAws(`AWS CLI (${(awsVersion.stdout || awsVersion.stderr || "").trim()}) against the endpoint`, () => {
  // Unset when beforeAll fails before starting it; afterAll closes it only if it started.
  let server: SecretsManagerServer | undefined;
  let dir: string;

  /** Runs `aws --endpoint-url <server> secretsmanager ...args` and parses its JSON output. */
  function aws(...args: string[]): Promise<any> {
    return awsAt(server!.url, {}, ...args);
  }

  /** Runs `aws --endpoint-url <url> secretsmanager ...args` with `extraEnv`. */
  function awsAt(url: string, extraEnv: Record<string, string>, ...args: string[]): Promise<any> {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      ...(process.env.PYENV_ROOT !== undefined && { PYENV_ROOT: process.env.PYENV_ROOT }),
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_DEFAULT_REGION: "us-west-2",
      AWS_CONFIG_FILE: path.join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
      ...extraEnv,
    };
    return new Promise((resolve, reject) => {
      execFile(
        "aws",
        ["--endpoint-url", url, "--output", "json", "secretsmanager", ...args],
        { env, cwd: dir },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`aws ${args.join(" ")} failed: ${stderr}`));
          else resolve(stdout.trim() === "" ? {} : JSON.parse(stdout));
        },
      );
    });
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "smm-awscli-"));
    server = await startSecretsManagerServer({ port: 0, store: new SecretsStore({ clock: new ManualClock(T0) }) });
    writeFileSync(path.join(dir, "mycreds.json"), JSON.stringify(MYCREDS, null, 4) + "\n");
    writeFileSync(path.join(dir, "footest.bin"), "footest");
    await aws("create-secret", "--name", "MyTestSecret", "--secret-string", "initial");
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("Example 1: update-secret --description returns ARN and Name only", async () => {
    const out = await aws("update-secret", "--secret-id", "MyTestSecret", "--description", "This is a new description for the secret.");
    expect(Object.keys(out).sort()).toEqual(["ARN", "Name"]);
    expect(out.ARN).toMatch(ARN_RE);
    expect(out.Name).toBe("MyTestSecret");
    const d = await aws("describe-secret", "--secret-id", "MyTestSecret");
    expect(d.Description).toBe("This is a new description for the secret.");
  });

  test("Example 2: update-secret --kms-key-id returns ARN and Name only", async () => {
    const out = await aws("update-secret", "--secret-id", "MyTestSecret", "--kms-key-id", KMS_KEY);
    expect(Object.keys(out).sort()).toEqual(["ARN", "Name"]);
    expect(out.ARN).toMatch(ARN_RE);
    expect((await aws("describe-secret", "--secret-id", "MyTestSecret")).KmsKeyId).toBe(KMS_KEY);
  });

  test("put-secret-value --secret-string creates a new AWSCURRENT version", async () => {
    const value = '{"user":"diegor","password":"EXAMPLE-PASSWORD"}';
    const out = await aws("put-secret-value", "--secret-id", "MyTestSecret", "--secret-string", value);
    expect(Object.keys(out).sort()).toEqual(["ARN", "Name", "VersionId", "VersionStages"]);
    expect(out.ARN).toMatch(ARN_RE);
    expect(out.VersionStages).toEqual(["AWSCURRENT"]);
    const got = await aws("get-secret-value", "--secret-id", "MyTestSecret");
    expect(got.SecretString).toBe(value);
    expect(got.VersionId).toBe(out.VersionId);
    // CLI v1 prints the wire's epoch seconds as they come; v2 prints ISO 8601 text.
    const created = typeof got.CreatedDate === "number" ? new Date(got.CreatedDate * 1000) : new Date(got.CreatedDate);
    expect(created.getTime()).toBe(T0.getTime());
  });

  test("put-secret-value --secret-string file://mycreds.json stores the file's JSON", async () => {
    const out = await aws("put-secret-value", "--secret-id", "MyTestSecret", "--secret-string", "file://mycreds.json");
    expect(out.VersionStages).toEqual(["AWSCURRENT"]);
    const got = await aws("get-secret-value", "--secret-id", "MyTestSecret");
    expect(JSON.parse(got.SecretString)).toEqual(MYCREDS);
    const previous = await aws("get-secret-value", "--secret-id", "MyTestSecret", "--version-stage", "AWSPREVIOUS");
    expect(JSON.parse(previous.SecretString)).toEqual({ user: "diegor", password: "EXAMPLE-PASSWORD" });
  });

  test("a binary secret from fileb:// comes back base64 (footest -> Zm9vdGVzdA==)", async () => {
    await aws("create-secret", "--name", "BinarySecret", "--secret-binary", "fileb://footest.bin");
    const got = await aws("get-secret-value", "--secret-id", "BinarySecret");
    expect(got.SecretBinary).toBe("Zm9vdGVzdA==");
  });

  test("errors reach the CLI with AWS's code", async () => {
    await expect(aws("describe-secret", "--secret-id", "Missing")).rejects.toThrow(/ResourceNotFoundException/);
  });

  test("against serve --fault: the CLI retries throttling, and gives up after AWS_MAX_ATTEMPTS", async () => {
    const serve = await startCli(["serve", "--port", "0", "--fault", "GetSecretValue=ThrottlingException:times=3"]);
    try {
      await awsAt(serve.url, {}, "create-secret", "--name", "Flaky", "--secret-string", "v");
      // Two attempts, both throttled (2 of the rule's 3 firings).
      await expect(awsAt(serve.url, { AWS_MAX_ATTEMPTS: "2" }, "get-secret-value", "--secret-id", "Flaky")).rejects.toThrow(
        /ThrottlingException\) when calling the GetSecretValue operation \(reached max retries: 1\): Rate exceeded/,
      );
      // The last firing, then the answer: the CLI's own retry got it.
      expect((await awsAt(serve.url, {}, "get-secret-value", "--secret-id", "Flaky")).SecretString).toBe("v");
      const report: any = await (await fetch(`${serve.url}/_mock/faults`)).json();
      expect(report.rules).toEqual([
        { id: 1, rule: { operation: "GetSecretValue", code: "ThrottlingException", times: 3 }, fired: 3, remaining: 0 },
      ]);
    } finally {
      serve.child.kill("SIGTERM");
      await serve.exited;
    }
  });
});
