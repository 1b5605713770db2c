/** The codec's pure parts: value forms, error responses, region from the credential scope. */
import fc from "fast-check";
import { ServiceError } from "secrets-manager-mock";
import {
  decodeWireRequest,
  encodeWireError,
  encodeWireOutput,
  regionFromAuthorization,
  toWireJson,
  wireJsonText,
} from "secrets-manager-mock/wire/wire-codec";

const text = (b: string | Uint8Array) => (typeof b === "string" ? b : new TextDecoder().decode(b));
const request = (target: string, body: string) => ({
  method: "POST",
  headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
  body: new TextEncoder().encode(body),
});

describe("regionFromAuthorization", () => {
  test.each([
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101/us-west-2/secretsmanager/aws4_request, SignedHeaders=host, Signature=abc", "us-west-2"],
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-central-1/secretsmanager/aws4_request,SignedHeaders=host,Signature=abc", "eu-central-1"],
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101/cn-north-1/secretsmanager/aws4_request", "cn-north-1"],
  ])("%s -> %s", (header, region) => {
    expect(regionFromAuthorization(header)).toBe(region);
  });

  test.each([
    [undefined],
    ["Bearer token"],
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101"],
    ["AWS4-HMAC-SHA256 Credential=AKID/20240101/US WEST/secretsmanager/aws4_request"],
  ])("%s -> undefined", (header) => {
    expect(regionFromAuthorization(header)).toBeUndefined();
  });
});

describe("toWireJson", () => {
  test("Dates become epoch seconds, bytes base64, undefined members vanish, at any depth", () => {
    const out = toWireJson({
      CreatedDate: new Date(1700591229801),
      SecretValues: [{ SecretBinary: new TextEncoder().encode("footest"), CreatedDate: new Date(0), SecretString: undefined }],
      VersionIdsToStages: { v1: ["AWSCURRENT"] },
      Versions: [{ LastAccessedDate: new Date(86_400_000) }],
      RotationEnabled: false,
      Missing: undefined,
    });
    expect(out).toEqual({
      CreatedDate: 1700591229.801,
      SecretValues: [{ SecretBinary: "Zm9vdGVzdA==", CreatedDate: 0 }],
      VersionIdsToStages: { v1: ["AWSCURRENT"] },
      Versions: [{ LastAccessedDate: 86400 }],
      RotationEnabled: false,
    });
    expect(Object.keys((out as { SecretValues: object[] }).SecretValues[0])).not.toContain("SecretString");
  });

  test("a byte view into a larger buffer encodes only its own bytes", () => {
    const backing = new Uint8Array([1, 2, 3, 4, 5]);
    expect(toWireJson(backing.subarray(1, 3))).toBe(Buffer.from([2, 3]).toString("base64"));
  });
});

describe("encodeWireOutput / encodeWireError", () => {
  test("an empty output (TagResource) is HTTP 200 with {}", () => {
    const res = encodeWireOutput({}, "rid");
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toBe("{}");
    expect(res.headers).toEqual({ "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": "rid" });
  });

  test("InternalServiceError is HTTP 500", () => {
    const res = encodeWireError(new ServiceError("InternalServiceError", "boom"), "rid");
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(text(res.body))).toEqual({ __type: "InternalServiceError", Message: "boom" });
  });

  test("client errors are HTTP 400, unmodelled codes included", () => {
    const res = encodeWireError(new ServiceError("ValidationException", "bad"), "rid");
    expect(res.statusCode).toBe(400);
    expect(res.headers["x-amzn-errortype"]).toBe("ValidationException");
  });
});

describe("decodeWireRequest", () => {
  test("only SecretBinary is decoded; other members pass through as parsed", () => {
    const { operation, input } = decodeWireRequest(
      request("secretsmanager.UpdateSecret", '{"SecretId":"a","SecretBinary":"AAH/","Description":"AAH/","Unknown":{"x":1}}'),
    );
    expect(operation).toBe("UpdateSecret");
    expect(input.SecretBinary).toEqual(new Uint8Array([0, 1, 255]));
    expect(input.Description).toBe("AAH/");
    expect(input.Unknown).toEqual({ x: 1 });
  });

  test("a null SecretBinary stays null (absent)", () => {
    expect(
      decodeWireRequest(request("secretsmanager.PutSecretValue", '{"SecretId":"a","SecretBinary":null}')).input.SecretBinary,
    ).toBeNull();
  });

  test("an operation of the model not yet implemented still decodes (dispatch decides)", () => {
    expect(decodeWireRequest(request("secretsmanager.BatchGetSecretValue", '{"SecretIdList":["a"]}')).input).toEqual({
      SecretIdList: ["a"],
    });
  });

  test("the application/x-amz-json-1.0 content type is accepted too", () => {
    const r = request("secretsmanager.ListSecrets", "{}");
    expect(decodeWireRequest({ ...r, headers: { ...r.headers, "content-type": "application/x-amz-json-1.0" } }).operation).toBe(
      "ListSecrets",
    );
  });
});

describe("wireJsonText (the encoder of answers)", () => {
  test("is JSON.stringify(toWireJson(value)) for outputs: dates, bytes, nested lists, absent members", () => {
    const leaf = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: true }),
      fc.uint8Array(),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("node")),
        fc.dictionary(fc.oneof(fc.string(), fc.constant("__proto__")), tie("node")),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => wireJsonText(v) === ((JSON.stringify(toWireJson(v)) as string | undefined) ?? "null")),
      { numRuns: 500, seed: 13 },
    );
    const output = {
      Name: "db",
      CreatedDate: new Date(1700000000123),
      VersionStages: ["AWSCURRENT"],
      SecretBinary: new Uint8Array([255]),
      Missing: undefined,
    };
    expect(wireJsonText(output)).toBe('{"Name":"db","CreatedDate":1700000000.123,"VersionStages":["AWSCURRENT"],"SecretBinary":"/w=="}');
  });

  test("never changes the value it encodes, and shares nothing it had to convert", () => {
    const stages = ["AWSCURRENT"];
    const output = { Name: "db", CreatedDate: new Date(1700000000000), VersionStages: stages, Nested: [{ At: new Date(0) }] };
    const before = structuredClone(output);
    expect(JSON.parse(wireJsonText(output))).toEqual({
      Name: "db",
      CreatedDate: 1700000000,
      VersionStages: ["AWSCURRENT"],
      Nested: [{ At: 0 }],
    });
    expect(output).toEqual(before);
    expect(output.CreatedDate).toBeInstanceOf(Date);
    expect(output.Nested[0].At).toBeInstanceOf(Date);
  });

  test('a member named "__proto__" is written as a member, by both encoders', () => {
    const value = JSON.parse('{"__proto__":{"When":0},"Other":1}') as Record<string, unknown>;
    (value["__proto__"] as Record<string, unknown>).When = new Date(5000);
    expect(wireJsonText(value)).toBe('{"__proto__":{"When":5},"Other":1}');
    expect(JSON.stringify(toWireJson(value))).toBe('{"__proto__":{"When":5},"Other":1}');
    expect(Object.getPrototypeOf(toWireJson(value))).toBe(Object.prototype);
  });
});
