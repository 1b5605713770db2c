import { PutSecretValueCommand, GetSecretValueCommand, CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { SecretsStore, ManualClock, mockSecretsManager, secretsManagerMockMiddleware, secretsManagerMockMiddlewareOptions } from "secrets-manager-mock";
import { floorClient, newClient } from "./clients.js";
import { measureInterleaved, medianRatio } from "./measure.js";
async function main() {
  const kind = (process.env.KIND ?? "default") as any;
  const put = process.env.OP === "put";
  const mk = async (hist: "full" | "reset" | "bare") => {
    const clock = new ManualClock("2024-01-01T00:00:00Z"); const store = new SecretsStore({ clock });
    const c = newClient(kind); let mock: any;
    if (hist === "bare") c.middlewareStack.add(secretsManagerMockMiddleware(store, {}), secretsManagerMockMiddlewareOptions);
    else mock = mockSecretsManager(c, { store });
    await c.send(new CreateSecretCommand({ Name: "bench", SecretString: "x" }));
    let t = clock.now().getTime(); let i = 0;
    return { c, run: async () => { clock.set(t += 900000); const r = await c.send(put ? new PutSecretValueCommand({ SecretId: "bench", SecretString: "v" + (++i & 63) }) : new GetSecretValueCommand({ SecretId: "bench" })); if (hist === "reset") mock.resetHistory(); return r; } };
  };
  const full = await mk("full"), reset = await mk("reset"), bare = await mk("bare");
  const out = await full.c.send(put ? new PutSecretValueCommand({ SecretId: "bench", SecretString: "y" }) : new GetSecretValueCommand({ SecretId: "bench" }));
  const f = floorClient(kind, { PutSecretValue: out, GetSecretValue: out }); const fc = new ManualClock(0); let ft = 0;
  const res = await measureInterleaved([
    { name: "floor", run: () => { fc.set(ft += 900000); return f.send(put ? new PutSecretValueCommand({ SecretId: "bench", SecretString: "v" }) : new GetSecretValueCommand({ SecretId: "bench" })); } },
    { name: "mock", run: full.run }, { name: "mock-history-reset", run: reset.run }, { name: "bare-middleware", run: bare.run },
  ], { time: 4000, minRounds: 30, warmupTime: 200, sliceMs: 2 });
  for (const n of ["mock", "mock-history-reset", "bare-middleware"]) console.log(kind, process.env.OP, n, medianRatio(res, n, "floor").toFixed(3));
}
main();
