import { GetSecretValueCommand, CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { SecretsStore, ManualClock, mockSecretsManager, secretsManagerMockMiddleware, secretsManagerMockMiddlewareOptions } from "secrets-manager-mock";
import { floorClient, newClient } from "./clients.js";
async function main() {
  const kind = (process.env.KIND ?? "default") as any;
  const store = new SecretsStore({ clock: new ManualClock("2024-01-01T00:00:00Z") });
  const m = newClient(kind); const mock = mockSecretsManager(m, { store });
  await m.send(new CreateSecretCommand({ Name: "bench", SecretString: "x" }));
  const out = await m.send(new GetSecretValueCommand({ SecretId: "bench" }));
  const f = floorClient(kind, { GetSecretValue: out });
  const bare = newClient(kind); bare.middlewareStack.add(secretsManagerMockMiddleware(store, {}), secretsManagerMockMiddlewareOptions);
  const m2 = newClient(kind); const mock2 = mockSecretsManager(m2, { store });
  const m2send = { send: (c: any) => { const p = m2.send(c); mock2.resetHistory(); return p; } };
  const cs: [string, any][] = [["floor", f], ["mock", m], ["bare-mw", bare], ["mock-nohist", m2send]];
  const tot = new Map<string, number[]>();
  const N = kind === "default" ? 200 : 5000;
  for (let r = 0; r < 40; r++) {
    for (const [n, c] of (r % 2 ? cs : [...cs].reverse())) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < N; i++) await c.send(new GetSecretValueCommand({ SecretId: "bench" }));
      const dt = Number(process.hrtime.bigint() - t0) / N;
      if (!tot.has(n)) tot.set(n, []); tot.get(n)!.push(dt);
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const fl = tot.get("floor")!;
  for (const [n, a] of tot) console.log(n, med(a).toFixed(0), "ratio", med(a.map((x, i) => x / fl[i])).toFixed(3));
}
main();
