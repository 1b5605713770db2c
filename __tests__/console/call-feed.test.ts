/**
 * The console's call feed on its own: what it keeps, in which order, and that a call recorded
 * while no page was open reads the same when a page asks later as it would have live.
 */
import { ServiceError } from "secrets-manager-mock";
import { CallFeed, type CallSummary } from "secrets-manager-mock/console/call-feed";

/** Runs one call through `feed`'s interceptor for `source`, the way answerCall does. */
function record(feed: CallFeed, source: "http" | "sdk" | "console", input: Record<string, unknown>, failed = false) {
  const hooks = feed.interceptor(source);
  void hooks.before?.("PutSecretValue", input, "eu-west-1");
  const outcome = failed ? { error: new ServiceError("ResourceNotFoundException", "not found") } : { output: {} };
  hooks.after?.("PutSecretValue", input, outcome, "eu-west-1");
}

/** A summary without what differs between two runs of the same calls (wall-clock time). */
const stable = ({ at, durationMs, ...rest }: CallSummary) => {
  expect(Date.parse(at)).not.toBeNaN();
  expect(durationMs).toBeGreaterThanOrEqual(0);
  return rest;
};

test("keeps the last 200 calls, oldest first, numbered in order", () => {
  const feed = new CallFeed();
  for (let i = 1; i <= 205; i++) record(feed, "http", { SecretId: `s${i}`, SecretString: "v" });
  const calls = feed.calls();
  expect(calls).toHaveLength(200);
  expect(calls.map((c) => c.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 6));
  expect(calls[0].secretId).toBe("s6");
  expect(calls[199].secretId).toBe("s205");
});

test("a call recorded with no page open reads, when asked for later, as a page open at the time received it", () => {
  const live: CallSummary[] = [];
  const watched = new CallFeed();
  watched.subscribe((c) => live.push(c));
  const unwatched = new CallFeed();
  const inputs = () => [
    { SecretId: "db", SecretString: "do-not-show", ClientRequestToken: "t".repeat(32) },
    { SecretId: "key", SecretBinary: new Uint8Array([1, 2, 3]) },
    { Name: "fails" },
  ];
  for (const feed of [watched, unwatched]) inputs().forEach((input, i) => record(feed, "http", input, i === 2));
  expect(unwatched.calls().map(stable)).toEqual(live.map(stable));
  expect(watched.calls()).toEqual(live);
  expect(live.map(stable)).toEqual([
    {
      seq: 1,
      source: "http",
      operation: "PutSecretValue",
      region: "eu-west-1",
      secretId: "db",
      outcome: "ok",
      input: { SecretId: "db", SecretString: "***", ClientRequestToken: "t".repeat(32) },
    },
    {
      seq: 2,
      source: "http",
      operation: "PutSecretValue",
      region: "eu-west-1",
      secretId: "key",
      outcome: "ok",
      input: { SecretId: "key", SecretBinary: "***" },
    },
    {
      seq: 3,
      source: "http",
      operation: "PutSecretValue",
      region: "eu-west-1",
      secretId: "fails",
      outcome: "ResourceNotFoundException",
      message: "not found",
      input: { Name: "fails" },
    },
  ]);
  expect(JSON.stringify(unwatched.calls())).not.toContain("do-not-show");
});

test("an application's input is copied when the call ends: changing it afterwards changes nothing shown", () => {
  const feed = new CallFeed();
  const input: Record<string, unknown> = { SecretId: "db", SecretString: "v", VersionStages: ["AWSCURRENT"] };
  record(feed, "sdk", input);
  input.SecretId = "changed";
  (input.VersionStages as string[]).push("MINE");
  const [call] = feed.calls();
  expect(call.secretId).toBe("db");
  expect(call.input).toEqual({ SecretId: "db", SecretString: "***", VersionStages: ["AWSCURRENT"] });
});

test('a member named "__proto__" in an input is shown as a member', () => {
  const feed = new CallFeed();
  record(feed, "http", JSON.parse('{"SecretId":"db","__proto__":{"SecretString":"hidden"}}') as Record<string, unknown>);
  const [call] = feed.calls();
  expect(JSON.stringify(call.input)).toBe('{"SecretId":"db","__proto__":{"SecretString":"***"}}');
});
