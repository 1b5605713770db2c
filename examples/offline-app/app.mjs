// A small application that reads its configuration from Secrets Manager and counts its runs in
// a secret. It knows nothing about the mock: run it against a local, persisted store with
//
//   SECRETS_MANAGER_MOCK_FIXTURES=./fixtures.json SECRETS_MANAGER_MOCK_STATE=./.secrets-state.json \
//     node --import secrets-manager-mock/register app.mjs
//
// (inside this repository, before `npm run build`: node --import tsx --import ../../src/register.ts app.mjs)
//
// The first run starts from fixtures.json; every change is saved to .secrets-state.json, which
// the next runs start from. Delete the state file to start over.
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";

// No region here: the SDK resolves it (AWS_REGION, then the shared config profile), and so does
// the mock for the store and the fixtures, so the two meet wherever the app runs.
const client = new SecretsManagerClient({});

const config = JSON.parse((await client.send(new GetSecretValueCommand({ SecretId: "offline-app/config" }))).SecretString);

let runs;
try {
  runs = Number((await client.send(new GetSecretValueCommand({ SecretId: "offline-app/run-count" }))).SecretString) + 1;
  await client.send(new PutSecretValueCommand({ SecretId: "offline-app/run-count", SecretString: String(runs) }));
} catch (e) {
  if (!(e instanceof ResourceNotFoundException)) throw e;
  runs = 1;
  await client.send(new CreateSecretCommand({ Name: "offline-app/run-count", SecretString: "1" }));
}

console.log(`${config.greeting}, ${config.user}! (run ${runs})`);
