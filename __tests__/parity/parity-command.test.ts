/**
 * `secrets-manager-mock parity` end to end: against the project's own endpoint nothing differs;
 * against endpoints that deviate on purpose each deviation is found and named; the run cleans up
 * after success, failure and Ctrl-C; it refuses what it must refuse; credentials never show.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { SecretsManagerServer } from "secrets-manager-mock";
import { CATALOGUE, runParity, skipReason } from "../../src/parity/index";
import type { ParityReport } from "../../src/parity/report";
import { bufferIo, type Deviation, startDeviatingProxy, startServe } from "./helpers";

const noWait = () => Promise.resolve();
let dir: string;
let server: SecretsManagerServer;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-parity-"));
  server = await startServe();
});
afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const secretsLeft = (s: SecretsManagerServer) => s.store.partition(s.store.accountId, "us-east-1")?.secrets.size ?? 0;
const readReport = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as ParityReport;

describe("against the project's own endpoint (serve)", () => {
  test("at least 40 scenarios run, none differs, exit 0; the report and the cleanup say so", async () => {
    const io = bufferIo();
    const report = path.join(dir, "report.json");
    const code = await runParity(["parity", "--endpoint", server.url, "--report", report], io, { mockSeed: "m", sleep: noWait });
    const r = readReport(report);
    expect(r.scenarios.filter((s) => s.status === "differs").map((s) => [s.name, s.differences])).toEqual([]);
    expect(code).toBe(0);
    expect(r.summary.same).toBeGreaterThanOrEqual(40);
    expect(r.summary.same).toBe(CATALOGUE.filter((s) => skipReason(s, undefined) === undefined).length);
    expect(r.scenarios.filter((s) => s.status === "skipped").map((s) => s.name)).toEqual(
      CATALOGUE.filter((s) => s.offByDefault).map((s) => s.name),
    );
    expect(r.target).toEqual({ kind: "endpoint", endpoint: server.url, region: "us-east-1", account: server.store.accountId });
    expect(r.scenarios[0]).toEqual(
      expect.objectContaining({ name: CATALOGUE[0].name, tags: CATALOGUE[0].tags, status: "same", differences: [] }),
    );
    expect(r.cleanup.notDeleted).toEqual([]);
    expect(r.cleanup.deleted.length).toBeGreaterThan(40);
    expect(secretsLeft(server)).toBe(0);
    expect(io.text()).toMatch(/\d+ scenarios run against http:\/\/127\.0\.0\.1:\d+: \d+ same, 0 differ; 3 skipped\./);
  });

  test("--only runs the scenarios with one of the tags; replication runs only when named", async () => {
    const report = path.join(dir, "report.json");
    const code = await runParity(["parity", "--endpoint", server.url, "--only", "tokens,replication", "--report", report], bufferIo(), {
      sleep: noWait,
    });
    const r = readReport(report);
    const run = r.scenarios.filter((s) => s.status !== "skipped").map((s) => s.name);
    expect(run).toEqual(CATALOGUE.filter((s) => s.tags.includes("tokens") || s.tags.includes("replication")).map((s) => s.name));
    expect(run).toContain("replication/create-with-replica");
    expect(code).toBe(0);
    expect(secretsLeft(server)).toBe(0);
  });

  test("--record writes the target's normalised answers, one file per scenario, without run ids, accounts or values", async () => {
    const records = path.join(dir, "rec");
    expect(
      await runParity(["parity", "--endpoint", server.url, "--only", "cli-examples", "--record", records], bufferIo(), { sleep: noWait }),
    ).toBe(0);
    expect(fs.readdirSync(records).sort()).toEqual([
      "cli__put-secret-value-file.json",
      "cli__put-secret-value-json.json",
      "cli__update-secret-description.json",
      "cli__update-secret-kms-key.json",
    ]);
    const text = fs.readFileSync(path.join(records, "cli__put-secret-value-json.json"), "utf8");
    expect(text).not.toMatch(/smm-parity-[0-9a-f]{8}|123456789012|diegor|EXAMPLE-PASSWORD|MyTestValue/);
    expect(JSON.parse(text)).toMatchObject({
      scenario: "cli/put-secret-value-json",
      recordedAgainst: "endpoint",
      steps: expect.any(Array),
    });
    expect(text).toContain(
      '"ARN": "arn:aws:secretsmanager:<region>:<account>:secret:<run>/cli/put-secret-value-json/MyTestSecret-<suffix:1>"',
    );
  });
});

describe("against endpoints that deviate on purpose", () => {
  const deviations: Array<[string, string, Deviation, { scenario: string; step: string; member: string; target: string; mock: string }]> = [
    [
      "an error message changed",
      "errors",
      (a) => {
        if (a.body.__type === "ResourceNotFoundException" && a.body.Message === "Secrets Manager can't find the specified secret.")
          a.body.Message = "Secret not found.";
      },
      {
        scenario: "errors/not-found",
        step: "get",
        member: "error.message",
        target: '"Secret not found."',
        mock: '"Secrets Manager can\'t find the specified secret."',
      },
    ],
    [
      "a member dropped",
      "cli-examples",
      (a) => {
        if (a.operation === "DescribeSecret") delete a.body.Description;
      },
      {
        scenario: "cli/update-secret-description",
        step: "describe",
        member: "Description",
        target: "(absent)",
        mock: '"This is a new description for the secret."',
      },
    ],
    [
      "a staging label on the wrong version",
      "staging-labels",
      (a) => {
        const map = a.body.VersionIdsToStages as Record<string, string[]> | undefined;
        if (a.operation !== "DescribeSecret" || map === undefined) return;
        const current = Object.keys(map).find((v) => map[v].includes("AWSCURRENT"));
        const previous = Object.keys(map).find((v) => map[v].includes("AWSPREVIOUS"));
        if (current === undefined || previous === undefined) return;
        map[current] = map[current].map((l) => (l === "AWSCURRENT" ? "AWSPREVIOUS" : l));
        map[previous] = map[previous].map((l) => (l === "AWSPREVIOUS" ? "AWSCURRENT" : l));
      },
      {
        scenario: "labels/default-put-moves-current",
        step: "after v3: describe",
        member: "VersionIdsToStages.<uuid:2>",
        target: '["AWSCURRENT"]',
        mock: '["AWSPREVIOUS"]',
      },
    ],
    [
      "an error answered with another status",
      "tokens",
      (a) => {
        if (a.body.__type === "ResourceExistsException") a.status = 409;
      },
      { scenario: "tokens/create-conflicts", step: "same token, other value", member: "error.httpStatusCode", target: "409", mock: "400" },
    ],
  ];

  test.each(deviations)("%s: found, named with both values, exit 1", async (_what, tag, deviate, expected) => {
    const proxy = await startDeviatingProxy(server.url, deviate);
    try {
      const io = bufferIo();
      const report = path.join(dir, "report.json");
      const code = await runParity(["parity", "--endpoint", proxy.url, "--only", tag, "--report", report], io, { sleep: noWait });
      expect(code).toBe(1);
      const r = readReport(report);
      const scenario = r.scenarios.find((s) => s.name === expected.scenario);
      expect(scenario?.status).toBe("differs");
      expect(scenario?.differences).toContainEqual({
        step: expected.step,
        member: expected.member,
        target: expected.target,
        mock: expected.mock,
      });
      // The table names the scenario, the step and the member.
      expect(io.text()).toContain(`DIFFERS  ${expected.scenario}`);
      expect(io.text()).toMatch(
        new RegExp(
          `${expected.step.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s+${expected.member.replace(/[.*+?^${}()|[\]\\<>]/g, "\\$&")}`,
        ),
      );
      expect(secretsLeft(server)).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  test("a user name and password in --endpoint are never shown nor reported", async () => {
    const io = bufferIo();
    const report = path.join(dir, "report.json");
    const withCredentials = server.url.replace("http://", "http://someone:dummy-password@");
    expect(await runParity(["parity", "--endpoint", withCredentials, "--only", "tokens", "--report", report], io, { sleep: noWait })).toBe(
      0,
    );
    expect(readReport(report).target.endpoint).toBe(`${server.url}/`);
    expect(io.text()).toContain(`Comparing ${server.url}/ (region us-east-1)`);
    for (const text of [io.text(), fs.readFileSync(report, "utf8")]) expect(text).not.toMatch(/someone|dummy-password/);
  });

  test("secret values are redacted in the table and the report", async () => {
    const proxy = await startDeviatingProxy(server.url, (a) => {
      if (a.operation === "GetSecretValue" && typeof a.body.SecretString === "string") a.body.SecretString = "tampered-value";
    });
    try {
      const io = bufferIo();
      const report = path.join(dir, "report.json");
      expect(
        await runParity(["parity", "--endpoint", proxy.url, "--only", "cli-examples", "--report", report], io, { sleep: noWait }),
      ).toBe(1);
      const r = readReport(report);
      const d = r.scenarios.find((s) => s.name === "cli/put-secret-value-json")?.differences ?? [];
      expect(d).toContainEqual({ step: "get", member: "SecretString", target: '"<secret:3>"', mock: '"<secret:2>"' });
      expect(d).toContainEqual({ step: "get AWSPREVIOUS", member: "SecretString", target: '"<secret:3>"', mock: '"<secret:1>"' });
      for (const text of [io.text(), fs.readFileSync(report, "utf8")]) {
        expect(text).not.toMatch(/tampered-value|diegor|EXAMPLE-PASSWORD|MyTestValue/);
      }
    } finally {
      await proxy.close();
    }
  });
});

describe("cleanup", () => {
  test("on Ctrl-C: the current scenario stops, the rest are skipped, everything created is deleted, exit 130", async () => {
    const io = bufferIo();
    let calls = 0;
    const report = path.join(dir, "report.json");
    const code = await runParity(["parity", "--endpoint", server.url, "--report", report], io, {
      sleep: noWait,
      wrapTarget: (client) => ({
        send: ((command: never) => {
          if (++calls === 25) io.interrupt?.();
          return client.send(command);
        }) as typeof client.send,
      }),
    });
    expect(code).toBe(130);
    const r = readReport(report);
    expect(r.interrupted).toBe(true);
    expect(r.scenarios.filter((s) => s.skipped === "interrupted").length).toBeGreaterThan(30);
    expect(r.cleanup.deleted.length).toBeGreaterThan(0);
    expect(r.cleanup.notDeleted).toEqual([]);
    expect(secretsLeft(server)).toBe(0);
    expect(io.text()).toContain("Interrupted: finishing the current call, then deleting what the run created");
    expect(io.interrupt).toBeUndefined();
  });

  test("on an error that stops the run (the recording can't be written): everything created is deleted, exit 1", async () => {
    const notADir = path.join(dir, "file");
    fs.writeFileSync(notADir, "");
    const io = bufferIo();
    const code = await runParity(["parity", "--endpoint", server.url, "--record", notADir], io, { sleep: noWait });
    expect(code).toBe(1);
    expect(io.err.join("")).toContain("the run stopped");
    expect(io.out.join("")).toMatch(/Cleanup: force-deleted [1-9]\d* secret names? the run created\./);
    expect(secretsLeft(server)).toBe(0);
  });

  test("when calls fail mid-run: the failures are differences, and the cleanup still deletes everything", async () => {
    let calls = 0;
    let down = false;
    const io = bufferIo();
    const report = path.join(dir, "report.json");
    const code = await runParity(["parity", "--endpoint", server.url, "--only", "tokens", "--report", report], io, {
      sleep: noWait,
      wrapTarget: (client) => ({
        send: ((command: never) => {
          if (++calls === 6) down = true;
          return down ? Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { name: "Error" })) : client.send(command);
        }) as typeof client.send,
      }),
    });
    expect(code).toBe(1);
    const r = readReport(report);
    expect(r.scenarios.some((s) => s.status === "differs")).toBe(true);
    expect(r.cleanup.notDeleted).toEqual([]);
    expect(secretsLeft(server)).toBe(0);
  });

  test("what could not be deleted is listed with the error, and the command says so", async () => {
    const io = bufferIo();
    const report = path.join(dir, "report.json");
    let created = 0;
    const code = await runParity(["parity", "--endpoint", server.url, "--only", "cli-examples", "--report", report], io, {
      sleep: noWait,
      wrapTarget: (client) => ({
        send: (async (command: { constructor: { name: string } }) => {
          const out = await client.send(command as never);
          // After the last scenario's first secret, the endpoint stops answering: the cleanup can't reach it.
          if (command.constructor.name === "CreateSecretCommand" && ++created === 4) await server.close();
          return out;
        }) as typeof client.send,
      }),
    });
    expect(code).toBe(1);
    const r = readReport(report);
    expect(r.cleanup.notDeleted.length).toBe(4);
    expect(r.cleanup.notDeleted[0].name).toMatch(/^smm-parity-[0-9a-f]{8}\/cli\//);
    expect(io.out.join("")).toContain("Could NOT delete 4 (delete them yourself; they carry the run's tag):");
    server = await startServe();
  });
});

describe("refusals and usage", () => {
  test.each([
    [["parity"], "say what to compare with: --endpoint <url>, or --aws for real AWS (nothing is sent to AWS without --aws)"],
    [["parity", "--aws", "--endpoint", "http://127.0.0.1:1"], "give either --endpoint or --aws, not both"],
    [["parity", "--endpoint", "http://127.0.0.1:1", "--only", "nope"], "unknown tag in --only: nope"],
    [["parity", "--endpoint", "http://127.0.0.1:1", "--profile", "p"], "--profile goes with --aws"],
    [["parity", "--endpoint", "127.0.0.1:1"], "--endpoint must be an http(s) URL"],
  ])("%j: exit 2 with the reason and the usage", async (argv, reason) => {
    const io = bufferIo();
    expect(await runParity(argv, io)).toBe(2);
    expect(io.err.join("")).toContain(reason);
    expect(io.err.join("")).toContain("Usage: secrets-manager-mock parity");
  });
});
