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

describeIfBoto3(`boto3 ${probe.stdout} against the endpoint`, () => {
  let server: SecretsManagerServer;

  beforeAll(async () => {
    server = await startSecretsManagerServer({ port: 0, store: new SecretsStore({ clock: new ManualClock(T0) }) });
  });
  afterAll(async () => {
    await server?.close();
  });

  test("creates, updates and reads a secret; regions are separate; bytes round-trip", async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        "python3",
        ["-c", SCRIPT, server.url],
        { env: { ...process.env, AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true" } },
        (error, out, err) => (error ? reject(new Error(`python3 failed: ${err}`)) : resolve(out)),
      );
    });
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
    expect(out.otherRegion).toEqual({ code: "ResourceNotFoundException", message: "Secrets Manager can't find the specified secret.", status: 400 });
  });
});
