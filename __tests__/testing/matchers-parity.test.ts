/**
 * The matchers side by side with aws-sdk-client-mock-jest 4.x: the same calls, the same assertions,
 * the same verdicts and the same failure messages (inputs here hold no secret values). Theirs are
 * registered on `expect`; ours are called with Jest's own matcher context.
 */
import "aws-sdk-client-mock-jest";
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { mockClient } from "aws-sdk-client-mock";
import { mockSecretsManager } from "secrets-manager-mock";
import { type MatcherContext, secretsManagerMatchers } from "../../src/testing/matchers";

let jestContext: MatcherContext | undefined;
expect.extend({
  captureMatcherContext(this: MatcherContext) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the test keeps Jest's matcher context to call our matchers with it
    jestContext = this;
    return { pass: true, message: () => "" };
  },
});
(expect(0) as unknown as { captureMatcherContext(): void }).captureMatcherContext();

type Name = keyof typeof secretsManagerMatchers;
type Case = [Name, ...unknown[]];

const sent = [
  new GetSecretValueCommand({ SecretId: "a" }),
  new DescribeSecretCommand({ SecretId: "a" }),
  new GetSecretValueCommand({ SecretId: "b", VersionStage: "AWSCURRENT" }),
  new ListSecretsCommand({ Filters: [{ Key: "name", Values: ["a"] }] }),
];

const cases: Case[] = [
  ["toHaveReceivedCommand", GetSecretValueCommand],
  ["toHaveReceivedCommand", CreateSecretCommand],
  ["toHaveReceivedCommandTimes", GetSecretValueCommand, 2],
  ["toHaveReceivedCommandTimes", GetSecretValueCommand, 1],
  ["toHaveReceivedCommandWith", GetSecretValueCommand, { SecretId: "b" }],
  ["toHaveReceivedCommandWith", GetSecretValueCommand, { SecretId: "c" }],
  ["toHaveReceivedCommandWith", GetSecretValueCommand, { SecretId: expect.stringMatching(/^b/) }],
  ["toHaveReceivedCommandWith", ListSecretsCommand, { Filters: [{ Key: "name" }] }],
  ["toHaveReceivedCommandWith", ListSecretsCommand, { Filters: [{ Key: "name", Values: ["a"] }] }],
  ["toHaveReceivedCommandWith", DescribeSecretCommand, {}],
  ["toHaveReceivedNthCommandWith", 2, DescribeSecretCommand, { SecretId: "a" }],
  ["toHaveReceivedNthCommandWith", 2, GetSecretValueCommand, { SecretId: "a" }],
  ["toHaveReceivedNthCommandWith", 3, GetSecretValueCommand, { SecretId: "a" }],
  ["toHaveReceivedNthCommandWith", 3, GetSecretValueCommand, { SecretId: expect.stringMatching(/z/) }],
  ["toHaveReceivedNthCommandWith", 9, GetSecretValueCommand, {}],
  ["toHaveReceivedNthSpecificCommandWith", 2, GetSecretValueCommand, { SecretId: "b" }],
  ["toHaveReceivedNthSpecificCommandWith", 2, GetSecretValueCommand, { SecretId: "a" }],
  ["toHaveReceivedNthSpecificCommandWith", 3, GetSecretValueCommand, {}],
  ["toHaveReceivedNthSpecificCommandWith", 1, DescribeSecretCommand, { SecretId: "a" }],
  ["toHaveReceivedAnyCommand"],
  ["toReceiveCommand", DescribeSecretCommand],
  ["toReceiveCommandTimes", DescribeSecretCommand, 1],
  ["toReceiveCommandWith", DescribeSecretCommand, { SecretId: "x" }],
  ["toReceiveNthCommandWith", 1, GetSecretValueCommand, { SecretId: "a" }],
  ["toReceiveNthSpecificCommandWith", 1, GetSecretValueCommand, { SecretId: "b" }],
  ["toReceiveAnyCommand"],
];

/** What an assertion did: passed, or failed with this message. */
function theirOutcome(awsMock: unknown, negate: boolean, [name, ...args]: Case): string {
  const subject = expect(awsMock) as unknown as Record<string, Record<string, (...a: unknown[]) => void>> &
    Record<string, (...a: unknown[]) => void>;
  try {
    (negate ? subject.not[name] : subject[name])(...args);
    return "passed";
  } catch (e) {
    return (e as Error).message;
  }
}

function ourOutcome(mock: unknown, negate: boolean, [name, ...args]: Case): string {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with Jest's context just below
  const matcher = secretsManagerMatchers[name] as (this: MatcherContext, ...a: unknown[]) => { pass: boolean; message(): string };
  const result = matcher.call({ ...jestContext!, isNot: negate }, mock, ...args);
  return result.pass !== negate ? "passed" : result.message();
}

async function mocks(calls: readonly object[]) {
  const theirClient = new SecretsManagerClient({ region: "us-east-1" });
  const theirs = mockClient(theirClient);
  theirs.onAnyCommand().resolves({});
  const ourClient = new SecretsManagerClient({ region: "us-east-1" });
  const ours = mockSecretsManager(ourClient, { fixtures: { secrets: { a: { SecretString: "1" }, b: { SecretString: "2" } } } });
  for (const command of calls) {
    await theirClient.send(command as never);
    await ourClient.send(command as never);
  }
  return { theirs, ours };
}

test.each([false, true])("the same verdicts and messages as aws-sdk-client-mock-jest (not: %s)", async (negate) => {
  const { theirs, ours } = await mocks(sent);
  try {
    for (const c of cases)
      expect({ case: c, outcome: ourOutcome(ours, negate, c) }).toEqual({ case: c, outcome: theirOutcome(theirs, negate, c) });
  } finally {
    theirs.restore();
    ours.restore();
  }
});

test("the same on a mock that received nothing", async () => {
  const { theirs, ours } = await mocks([]);
  try {
    for (const c of [
      ["toHaveReceivedAnyCommand"],
      ["toHaveReceivedCommand", GetSecretValueCommand],
      ["toHaveReceivedNthCommandWith", 1, GetSecretValueCommand, {}],
    ] as Case[]) {
      expect(ourOutcome(ours, false, c)).toBe(theirOutcome(theirs, false, c));
    }
  } finally {
    theirs.restore();
    ours.restore();
  }
});

test("the same argument errors", async () => {
  const { theirs, ours } = await mocks([]);
  try {
    for (const c of [
      ["toHaveReceivedNthCommandWith", 0, GetSecretValueCommand, {}],
      ["toHaveReceivedCommand", GetSecretValueCommand, {}],
    ] as Case[]) {
      expect(() => ourOutcome(ours, false, c)).toThrow(theirOutcome(theirs, false, c));
    }
  } finally {
    theirs.restore();
    ours.restore();
  }
});
