import { PutSecretValueCommand, CreateSecretCommand } from "@aws-sdk/client-secrets-manager";
import { SecretsStore, ManualClock, mockSecretsManager } from "secrets-manager-mock";
import { floorClient, newClient } from "./clients.js";
async function main() {
  const kind = (process.env.KIND ?? "default") as any;
  const clock = new ManualClock("2024-01-01T00:00:00Z");
  const store = new SecretsStore({ clock });
  const m = newClient(kind); mockSecretsManager(m, { store });
  await m.send(new CreateSecretCommand({ Name: "bench", SecretString: "x" }));
  const out = await m.send(new PutSecretValueCommand({ SecretId: "bench", SecretString: "y" }));
  const f = floorClient(kind, { PutSecretValue: out });
  const c = process.env.V === "floor" ? f : m;
  const N = 20000; let t = clock.now().getTime();
  for (let i = 0; i < N; i++) { clock.set(t += 900000); await c.send(new PutSecretValueCommand({ SecretId: "bench", SecretString: "v" + (i & 63) })); }
}
main();
