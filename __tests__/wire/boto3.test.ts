/** boto3 (Python's AWS SDK) against the local endpoint: create, update, read, regions, binary. */
import { execFile, spawnSync } from "node:child_process";
import { ManualClock, SecretsStore, startSecretsManagerServer, type SecretsManagerServer } from "secrets-manager-mock";

const probe = spawnSync("python3", ["-c", "import boto3, sys; sys.stdout.write(boto3.__version__)"], { encoding: "utf8" });
const available = probe.status === 0;
if (!available) console.warn("boto3 tests skipped: python3 with boto3 is not available (pip install boto3 to run them).");
const describeIfBoto3 = available ? describe : describe.skip;

const T0 = new Date("2024-02-03T04:05:06.5Z");

const SCRIPT = String.raw`
import base64, json, sys
import boto3

endpoint = sys.argv[1]
def client(region):
    return boto3.client("secretsmanager", endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="test", aws_secret_access_key="test")

west = client("us-west-2")
out = {}
out["create"] = west.create_secret(Name="py/app", SecretString="v1", Description="first")
out["update"] = west.update_secret(SecretId="py/app", Description="second")
out["updateValue"] = west.update_secret(SecretId="py/app", SecretString="v2")
out["put"] = west.put_secret_value(SecretId="py/app", SecretBinary=b"footest")
got = west.get_secret_value(SecretId="py/app")
out["get"] = {"SecretBinary": base64.b64encode(got["SecretBinary"]).decode(), "isBytes": isinstance(got["SecretBinary"], bytes),
              "CreatedDate": got["CreatedDate"].timestamp(), "VersionId": got["VersionId"], "VersionStages": got["VersionStages"]}
prev = west.get_secret_value(SecretId="py/app", VersionStage="AWSPREVIOUS")
out["previous"] = prev["SecretString"]
out["describe"] = {"Description": west.describe_secret(SecretId="py/app")["Description"]}
try:
    client("eu-west-1").get_secret_value(SecretId="py/app")
    out["otherRegion"] = "found"
except west.exceptions.ResourceNotFoundException as e:
    out["otherRegion"] = {"code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
for k in ("create", "update", "updateValue", "put"):
    out[k].pop("ResponseMetadata", None)
print(json.dumps(out))
`;

jest.setTimeout(60_000);

/** Runs a Python script with `args`, with no AWS configuration of the machine in the way. */
function python(script: string, ...args: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    execFile(
      "python3",
      ["-c", script, ...args],
      {
        env: { ...process.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true" },
      },
      (error, out, err) => (error ? reject(new Error(`python3 failed: ${err}`)) : resolve(out)),
    );
  });
}

describeIfBoto3(`boto3 ${probe.stdout} against the endpoint`, () => {
  // Unset when beforeAll fails before starting it; afterAll closes it only if it started.
  let server: SecretsManagerServer | undefined;

  beforeAll(async () => {
    server = await startSecretsManagerServer({ port: 0, store: new SecretsStore({ clock: new ManualClock(T0) }) });
  });
  afterAll(async () => {
    await server?.close();
  });

  test("creates, updates and reads a secret; regions are separate; bytes round-trip", async () => {
    const stdout = await python(SCRIPT, server!.url);
    const out = JSON.parse(stdout);
    expect(out.create.ARN).toMatch(/^arn:aws:secretsmanager:us-west-2:123456789012:secret:py\/app-[A-Za-z0-9]{6}$/);
    expect(Object.keys(out.create).sort()).toEqual(["ARN", "Name", "VersionId"]);
    expect(Object.keys(out.update).sort()).toEqual(["ARN", "Name"]);
    expect(Object.keys(out.updateValue).sort()).toEqual(["ARN", "Name", "VersionId"]);
    expect(out.put.VersionStages).toEqual(["AWSCURRENT"]);
    expect(out.get).toEqual({
      SecretBinary: "Zm9vdGVzdA==",
      isBytes: true,
      CreatedDate: T0.getTime() / 1000,
      VersionId: out.put.VersionId,
      VersionStages: ["AWSCURRENT"],
    });
    expect(out.previous).toBe("v2");
    expect(out.describe.Description).toBe("second");
    expect(out.otherRegion).toEqual({
      code: "ResourceNotFoundException",
      message: "Secrets Manager can't find the specified secret.",
      status: 400,
    });
  });

  test("injected faults are retried by botocore; ResponseMetadata.RetryAttempts counts the retries", async () => {
    const store = new SecretsStore({ fixtures: { secrets: { flaky: { SecretString: "v" } } } });
    const faulty = await startSecretsManagerServer({ port: 0, store });
    try {
      faulty.failNext("GetSecretValue", { code: "ThrottlingException" }).failNext("GetSecretValue", { network: "reset" });
      faulty.addFault({ operation: "DescribeSecret", code: "InternalServiceError" });
      const stdout = await python(
        String.raw`
import json, sys
import boto3
from botocore.config import Config
c = boto3.client("secretsmanager", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
                 config=Config(retries={"mode": "standard", "max_attempts": 3}))
got = c.get_secret_value(SecretId="flaky")
out = {"value": got["SecretString"], "retries": got["ResponseMetadata"]["RetryAttempts"]}
try:
    c.describe_secret(SecretId="flaky")
except c.exceptions.InternalServiceError as e:
    out["error"] = {"code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "retries": e.response["ResponseMetadata"]["RetryAttempts"]}
print(json.dumps(out))
`,
        faulty.url,
      );
      expect(JSON.parse(stdout)).toEqual({ value: "v", retries: 2, error: { code: "InternalServiceError", status: 500, retries: 3 } });
      // botocore's max_attempts counts retries: 1 attempt + 3 retries, all of them failed.
      expect(faulty.faults().rules.map((r) => r.fired)).toEqual([1, 1, 4]);
    } finally {
      await faulty.close();
    }
  });
});
