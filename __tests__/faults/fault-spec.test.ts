/** The `serve --fault` syntax: `<Operation|*>=<fault>[:times=n][:probability=p][:latency=ms][:status=n][:message=text]`. */
import { parseFaultSpec } from "secrets-manager-mock/faults/fault-spec";

describe("parseFaultSpec", () => {
  test.each([
    ["GetSecretValue=ThrottlingException", { operation: "GetSecretValue", code: "ThrottlingException" }],
    ["GetSecretValue=ThrottlingException:times=2", { operation: "GetSecretValue", code: "ThrottlingException", times: 2 }],
    ["*=InternalServiceError:probability=0.25", { code: "InternalServiceError", probability: 0.25 }],
    ["ListSecrets=reset:times=1", { operation: "ListSecrets", network: "reset", times: 1 }],
    ["*=hang", { network: "hang" }],
    ["DescribeSecret=html-502:latency=20", { operation: "DescribeSecret", network: "html-502", latencyMs: 20 }],
    ["GetSecretValue=latency=250", { operation: "GetSecretValue", latencyMs: 250 }],
    [
      "PutSecretValue=AccessDeniedException:status=403:message=no: not you",
      { operation: "PutSecretValue", code: "AccessDeniedException", httpStatus: 403, message: "no: not you" },
    ],
  ])("%s", (spec, rule) => {
    expect(parseFaultSpec(spec)).toEqual(rule);
  });

  test.each([
    ["ThrottlingException", /expected <Operation\|\*>=<fault>/],
    ["GetSecretVal=ThrottlingException", /GetSecretVal/],
    ["GetSecretValue=ThrottlingException:times=0", /times must be an integer ≥ 1/],
    ["GetSecretValue=ThrottlingException:times=", /times must be a number/],
    ["GetSecretValue=ThrottlingException:probability=2", /probability must be a number in \(0, 1\]/],
    ["GetSecretValue=ThrottlingException:often=yes", /unknown option "often=yes"/],
    ["GetSecretValue=", /needs a code, a network fault or latencyMs/],
    ["GetSecretValue=reset:message=x", /message needs a code/],
  ])("%s is refused", (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});
