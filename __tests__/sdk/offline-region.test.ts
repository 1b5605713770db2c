/**
 * A client built without a region, on a machine with none configured: the SDK's region chain
 * ends at the EC2 instance metadata service, a network request. A mocked client must answer from
 * the store's region without ever making it, and leave the user's environment as it was.
 */
import net from "node:net";
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { mockSecretsManager, SecretsStore } from "secrets-manager-mock";

describe("a region-less client on a machine with no region", () => {
  const saved = process.env.AWS_EC2_METADATA_DISABLED;
  let connects: jest.SpyInstance;

  beforeEach(() => {
    // setup-env switches metadata lookups off for every test; this test needs them as a user has them.
    delete process.env.AWS_EC2_METADATA_DISABLED;
    connects = jest.spyOn(net.Socket.prototype, "connect").mockImplementation(function (this: net.Socket) {
      this.destroy();
      throw new Error("network touched");
    });
  });
  afterEach(() => {
    connects.mockRestore();
    process.env.AWS_EC2_METADATA_DISABLED = saved;
  });

  it("is answered from the store's region with no instance-metadata request", async () => {
    const store = new SecretsStore({ region: "eu-north-1" });
    const client = new SecretsManagerClient({});
    mockSecretsManager(client, { store });

    const created = await client.send(new CreateSecretCommand({ Name: "app/db", SecretString: "s3cr3t" }));
    expect(created.ARN).toMatch(/^arn:aws:secretsmanager:eu-north-1:123456789012:secret:app\/db-/);
    const read = await client.send(new GetSecretValueCommand({ SecretId: "app/db" }));
    expect(read.SecretString).toBe("s3cr3t");

    expect(connects).not.toHaveBeenCalled();
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBeUndefined();
  });

  it("leaves a user's own AWS_EC2_METADATA_DISABLED as it was", async () => {
    process.env.AWS_EC2_METADATA_DISABLED = "false-but-set";
    const store = new SecretsStore({ region: "eu-north-1" });
    const client = new SecretsManagerClient({ region: "ap-south-1" });
    mockSecretsManager(client, { store });
    const created = await client.send(new CreateSecretCommand({ Name: "x", SecretString: "v" }));
    expect(created.ARN).toContain(":ap-south-1:");
    expect(process.env.AWS_EC2_METADATA_DISABLED).toBe("false-but-set");
  });
});
