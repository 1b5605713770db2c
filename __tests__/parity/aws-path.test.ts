/**
 * The `--aws` code path, with the project's endpoint standing in for AWS (a test-only endpoint
 * override) and a fake STS: the plan and cost shown before anything is sent, the confirmation,
 * the cleanup, and credentials (dummy ones from the SDK's default chain) never in the output or
 * the report.
 */
import * as fs from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { SecretsManagerServer } from "secrets-manager-mock";
import { runParity } from "../../src/parity/index";
import type { ParityReport } from "../../src/parity/report";
import { withEnv } from "../helpers/aws-env";
import { bufferIo, startDeviatingProxy, startServe } from "./helpers";

const ACCOUNT = "111122223333";
const ACCESS_KEY_ID = "AKIDEXAMPLE7PARITY01";
const SECRET_KEY = "wJalrXUtnFEMIK7MDENGbPxRfiCYparityKEY01";
const CREDENTIALS = { AWS_ACCESS_KEY_ID: ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY, AWS_REGION: "us-east-1" };
const noWait = () => Promise.resolve();

/** A fake STS that answers GetCallerIdentity and keeps the headers of what it was sent. */
async function startFakeSts(): Promise<{
  url: string;
  requests: Array<{ headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}> {
  const requests: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      requests.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "text/xml" });
      res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
          `<Arn>arn:aws:iam::${ACCOUNT}:user/dev</Arn><UserId>AIDAEXAMPLE</UserId><Account>${ACCOUNT}</Account>` +
          `</GetCallerIdentityResult></GetCallerIdentityResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let dir: string;
let fakeAws: SecretsManagerServer;
let sts: Awaited<ReturnType<typeof startFakeSts>>;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-parity-aws-"));
  fakeAws = await startServe(ACCOUNT);
  sts = await startFakeSts();
});
afterEach(async () => {
  await fakeAws.close();
  await sts.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const secretsLeft = () => fakeAws.store.partition(ACCOUNT, "us-east-1")?.secrets.size ?? 0;

test("before anything is sent: account, region, what it creates and the cost are shown, and a 'no' sends nothing", async () => {
  let requests = 0;
  const proxy = await startDeviatingProxy(fakeAws.url, () => {
    requests++;
  });
  try {
    const io = bufferIo("no");
    const code = await withEnv(CREDENTIALS, () => runParity(["parity", "--aws"], io, { awsEndpoint: proxy.url, stsEndpoint: sts.url }));
    expect(code).toBe(2);
    const out = io.out.join("");
    expect(out).toContain(`Account:  ${ACCOUNT}`);
    expect(out).toContain("Region:   us-east-1");
    expect(out).toMatch(/Creates: {2}up to \d+ secrets named smm-parity-[0-9a-f]{8}\/…, each tagged secrets-manager-mock-parity-run/);
    expect(out).toMatch(/Calls: {4}about \d+ Secrets Manager API calls in \d+ scenarios\./);
    expect(out).toMatch(/Cost: {5}about \$0\.\d+ /);
    expect(io.questions).toEqual(["Run it? Type yes to go on: "]);
    expect(io.err.join("")).toContain("Not confirmed: nothing was sent to Secrets Manager.");
    expect(requests).toBe(0);
    // STS was asked who the caller is, signed for STS with the default chain's credentials.
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0].body).toBe("Action=GetCallerIdentity&Version=2011-06-15");
    expect(sts.requests[0].headers.authorization).toMatch(
      new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/\\d{8}/us-east-1/sts/aws4_request`),
    );
  } finally {
    await proxy.close();
  }
});

test("no answer (the input ends) is a no", async () => {
  const io = bufferIo(undefined);
  expect(
    await withEnv(CREDENTIALS, () =>
      runParity(["parity", "--aws", "--only", "tokens"], io, { awsEndpoint: fakeAws.url, stsEndpoint: sts.url }),
    ),
  ).toBe(2);
  expect(secretsLeft()).toBe(0);
});

test("--yes: runs without asking, nothing differs, everything created is deleted, and no credential is printed or written", async () => {
  const io = bufferIo();
  const report = path.join(dir, "report.json");
  const records = path.join(dir, "rec");
  const code = await withEnv(CREDENTIALS, () =>
    runParity(["parity", "--aws", "--yes", "--report", report, "--record", records], io, {
      awsEndpoint: fakeAws.url,
      stsEndpoint: sts.url,
      sleep: noWait,
    }),
  );
  const r = JSON.parse(fs.readFileSync(report, "utf8")) as ParityReport;
  expect(r.scenarios.filter((s) => s.status === "differs")).toEqual([]);
  expect(code).toBe(0);
  expect(io.questions).toEqual([]);
  expect(r.target).toEqual({ kind: "aws", endpoint: fakeAws.url, region: "us-east-1", account: ACCOUNT });
  expect(r.summary.same).toBeGreaterThanOrEqual(40);
  expect(r.cleanup.notDeleted).toEqual([]);
  expect(secretsLeft()).toBe(0);
  const written = [
    io.text(),
    fs.readFileSync(report, "utf8"),
    ...fs.readdirSync(records).map((f) => fs.readFileSync(path.join(records, f), "utf8")),
  ];
  for (const text of written) {
    expect(text).not.toContain(ACCESS_KEY_ID);
    expect(text).not.toContain(SECRET_KEY);
  }
  // Recordings hold no account either.
  expect(written.slice(2).some((t) => t.includes(ACCOUNT))).toBe(false);
});

test("STS unreachable: the account is shown as unknown, then read from the first secret's ARN", async () => {
  const io = bufferIo("yes");
  const report = path.join(dir, "report.json");
  const code = await withEnv(CREDENTIALS, () =>
    runParity(["parity", "--aws", "--only", "tokens", "--report", report], io, {
      awsEndpoint: fakeAws.url,
      stsEndpoint: `${fakeAws.url}/`,
      sleep: noWait,
    }),
  );
  expect(code).toBe(0);
  expect(io.out.join("")).toContain(
    "Account:  unknown (STS GetCallerIdentity answered HTTP 404); it will be read from the first secret's ARN",
  );
  expect((JSON.parse(fs.readFileSync(report, "utf8")) as ParityReport).target.account).toBe(ACCOUNT);
});

test("Ctrl-C against AWS: the run stops and deletes what it created", async () => {
  const io = bufferIo("yes");
  let calls = 0;
  const code = await withEnv(CREDENTIALS, () =>
    runParity(["parity", "--aws"], io, {
      awsEndpoint: fakeAws.url,
      stsEndpoint: sts.url,
      sleep: noWait,
      wrapTarget: (client) => ({
        send: ((command: never) => {
          if (++calls === 40) io.interrupt?.();
          return client.send(command);
        }) as typeof client.send,
      }),
    }),
  );
  expect(code).toBe(130);
  expect(io.out.join("")).toMatch(/Cleanup: force-deleted [1-9]\d* secret names the run created\./);
  expect(secretsLeft()).toBe(0);
});
