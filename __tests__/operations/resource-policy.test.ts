/**
 * PutResourcePolicy / GetResourcePolicy / DeleteResourcePolicy / ValidateResourcePolicy
 * (reference/aws-behaviour.md §3.14, aws-api-facts.md §5.13) through every way in.
 */
import {
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  GetResourcePolicyCommand,
  InvalidRequestException,
  MalformedPolicyDocumentException,
  PublicPolicyException,
  PutResourcePolicyCommand,
  ResourceNotFoundException,
  SecretsManagerServiceException,
  ValidateResourcePolicyCommand,
} from "@aws-sdk/client-secrets-manager";
import { setup, WAYS_IN, type WayIn } from "../helpers/ways-in";
import { failure } from "../helpers/call-failure";

const policy = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
const ACCOUNT_POLICY = policy({
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "secretsmanager:GetSecretValue",
  Resource: "*",
});
const PUBLIC_POLICIES = [
  policy({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }),
  policy({ Effect: "Allow", Principal: { AWS: "*" }, Action: "secretsmanager:*", Resource: "*" }),
  JSON.stringify({
    Statement: { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] }, Action: "*", Resource: "*" },
  }),
];

describe.each(WAYS_IN.map((w) => [w.name, w] as const))("resource policies via %s", (_name, way: WayIn) => {
  async function withSecret() {
    const ctx = setup(way, { seed: 1 });
    const created = await ctx.client.send(new CreateSecretCommand({ Name: "app/db", SecretString: "v" }));
    return { ...ctx, arn: created.ARN! };
  }

  // Get before any policy, Validate, Put, Get (the same document), Delete, Get after: parity scenario
  // modify/resource-policy; the 2019-10-19 Version and text that is not JSON: modify/resource-policy-malformed.
  it("keeps the policy's text as given; deleting when there is no policy still answers ARN and Name", async () => {
    const { client, arn } = await withSecret();
    await client.send(new PutResourcePolicyCommand({ SecretId: arn, ResourcePolicy: ACCOUNT_POLICY }));
    expect((await client.send(new GetResourcePolicyCommand({ SecretId: "app/db" }))).ResourcePolicy).toBe(ACCOUNT_POLICY);
    await client.send(new DeleteResourcePolicyCommand({ SecretId: "app/db" }));
    const del = await client.send(new DeleteResourcePolicyCommand({ SecretId: "app/db" }));
    expect({ ARN: del.ARN, Name: del.Name }).toEqual({ ARN: arn, Name: "app/db" });
  });

  it("refuses malformed JSON and leaves the store unchanged", async () => {
    const { client, store } = await withSecret();
    const before = store.revision;
    for (const bad of ["{not json", "[1,2]", '"text"', "null"]) {
      const e = await failure(client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: bad })));
      expect(e).toBeInstanceOf(MalformedPolicyDocumentException);
      expect(e.message).toBe("This policy has invalid syntax.");
    }
    expect(store.revision).toBe(before);
  });

  // Seen from AWS for "2019-10-19": "This policy has invalid syntax." (awsdocs/aws-cloudformation-user-guide#623).
  it("refuses a Version that is not a policy language version, changing nothing", async () => {
    const { client, store } = await withSecret();
    const before = JSON.stringify(store.exportState());
    for (const Version of ["2019-10-19", "2012-10-18", 2012, null]) {
      const ResourcePolicy = JSON.stringify({ ...JSON.parse(ACCOUNT_POLICY), Version });
      const put = await failure(client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy })));
      expect(put).toBeInstanceOf(MalformedPolicyDocumentException);
      expect(put.message).toBe("This policy has invalid syntax.");
      const validated = await failure(client.send(new ValidateResourcePolicyCommand({ ResourcePolicy })));
      expect(validated).toBeInstanceOf(MalformedPolicyDocumentException);
      expect(validated.message).toBe("This policy has invalid syntax.");
    }
    expect(JSON.stringify(store.exportState())).toBe(before);
    for (const Version of ["2012-10-17", "2008-10-17"]) {
      const ResourcePolicy = JSON.stringify({ ...JSON.parse(ACCOUNT_POLICY), Version });
      expect((await client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy }))).Name).toBe("app/db");
    }
  });

  it("with BlockPublicPolicy refuses policies that grant every principal access", async () => {
    const { client, store } = await withSecret();
    for (const p of PUBLIC_POLICIES) {
      const before = store.revision;
      const e = await failure(
        client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: p, BlockPublicPolicy: true })),
      );
      expect(e).toBeInstanceOf(PublicPolicyException);
      expect(e.message).toBe("This resource policy contains a policy that grants public access.");
      expect(store.revision).toBe(before);
    }
    expect(await client.send(new GetResourcePolicyCommand({ SecretId: "app/db" }))).not.toHaveProperty("ResourcePolicy");
  });

  it("with BlockPublicPolicy accepts a wildcard principal restricted by a Condition, or a Deny", async () => {
    const { client } = await withSecret();
    const conditioned = policy({
      Effect: "Allow",
      Principal: "*",
      Action: "secretsmanager:GetSecretValue",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": "111122223333" } },
    });
    await client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: conditioned, BlockPublicPolicy: true }));
    const deny = policy({ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" });
    await client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: deny, BlockPublicPolicy: true }));
    expect((await client.send(new GetResourcePolicyCommand({ SecretId: "app/db" }))).ResourcePolicy).toBe(deny);
  });

  it("without BlockPublicPolicy stores a public policy", async () => {
    const { client } = await withSecret();
    await client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: PUBLIC_POLICIES[0] }));
    expect((await client.send(new GetResourcePolicyCommand({ SecretId: "app/db" }))).ResourcePolicy).toBe(PUBLIC_POLICIES[0]);
  });

  it("answers ResourceNotFound for an unknown secret and ValidationException for a bad id", async () => {
    const { client } = await withSecret();
    for (const cmd of [
      new GetResourcePolicyCommand({ SecretId: "nope" }),
      new PutResourcePolicyCommand({ SecretId: "nope", ResourcePolicy: ACCOUNT_POLICY }),
      new DeleteResourcePolicyCommand({ SecretId: "nope" }),
      new ValidateResourcePolicyCommand({ SecretId: "nope", ResourcePolicy: ACCOUNT_POLICY }),
    ]) {
      const e = await failure(client.send(cmd as any));
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect(e.message).toBe("Secrets Manager can't find the specified secret.");
    }
    const e = await failure(client.send(new ValidateResourcePolicyCommand({ SecretId: "Inv Name", ResourcePolicy: ACCOUNT_POLICY })));
    expect(e).toBeInstanceOf(SecretsManagerServiceException);
    expect(e.name).toBe("ValidationException");
  });

  it("refuses every policy operation but Validate on a secret scheduled for deletion", async () => {
    const { client, store } = await withSecret();
    await client.send(new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: ACCOUNT_POLICY }));
    await client.send(new DeleteSecretCommand({ SecretId: "app/db" }));
    const before = store.revision;
    for (const cmd of [
      new GetResourcePolicyCommand({ SecretId: "app/db" }),
      new PutResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: ACCOUNT_POLICY }),
      new DeleteResourcePolicyCommand({ SecretId: "app/db" }),
    ]) {
      const e = await failure(client.send(cmd as any));
      expect(e).toBeInstanceOf(InvalidRequestException);
      expect(e.message).toBe("You can't perform this operation on the secret because it was marked for deletion.");
    }
    expect(store.revision).toBe(before);
    const v = await client.send(new ValidateResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: ACCOUNT_POLICY }));
    expect(v.PolicyValidationPassed).toBe(true);
  });

  it("validates a policy: passed, structural errors, public access, syntax errors", async () => {
    const { client } = await withSecret();
    const ok = await client.send(new ValidateResourcePolicyCommand({ ResourcePolicy: ACCOUNT_POLICY }));
    expect(ok.PolicyValidationPassed).toBe(true);
    expect(ok.ValidationErrors).toEqual([]);

    const withId = await client.send(new ValidateResourcePolicyCommand({ SecretId: "app/db", ResourcePolicy: ACCOUNT_POLICY }));
    expect(withId.PolicyValidationPassed).toBe(true);

    const structural = await client.send(
      new ValidateResourcePolicyCommand({ ResourcePolicy: JSON.stringify({ Statement: [{ Effect: "Maybe", Resource: "*" }] }) }),
    );
    expect(structural.PolicyValidationPassed).toBe(false);
    expect(structural.ValidationErrors!.length).toBe(2);
    for (const err of structural.ValidationErrors!) {
      expect(err.CheckName).toBe("SYNTAX_CHECK");
      expect(typeof err.ErrorMessage).toBe("string");
    }

    const pub = await client.send(new ValidateResourcePolicyCommand({ ResourcePolicy: PUBLIC_POLICIES[1] }));
    expect(pub.PolicyValidationPassed).toBe(false);
    expect(pub.ValidationErrors).toEqual([
      { CheckName: "PUBLIC_ACCESS_CHECK", ErrorMessage: "This resource policy contains a policy that grants public access." },
    ]);

    const e = await failure(client.send(new ValidateResourcePolicyCommand({ ResourcePolicy: "{" })));
    expect(e).toBeInstanceOf(MalformedPolicyDocumentException);
  });

  it("requires ResourcePolicy (model validation)", async () => {
    const { client } = await withSecret();
    const e = await failure(client.send(new PutResourcePolicyCommand({ SecretId: "app/db" } as any)));
    expect(e.name).toBe("ValidationException");
  });
});
