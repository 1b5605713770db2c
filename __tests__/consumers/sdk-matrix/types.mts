// Clients of every SDK version in the matrix fit the mock's types (checked by tsc, nodenext).
import * as sdk300 from "sdk300";
import * as sdk540 from "sdk540";
import * as sdk848 from "sdk848";
import * as latest from "@aws-sdk/client-secrets-manager";
import { createSecretsManagerRequestHandler, getSecretsManagerMockPlugin, mockSecretsManager, SecretsStore } from "secrets-manager-mock";
import { useSecretsManagerMock } from "secrets-manager-mock/jest";

const store = new SecretsStore();
const hooks = { beforeEach: (fn: () => unknown) => void fn, afterEach: (fn: () => unknown) => void fn };

for (const sdk of [sdk300, sdk540, sdk848, latest]) {
  const client = new sdk.SecretsManagerClient({});
  mockSecretsManager(client, { store }).restore();
  mockSecretsManager(sdk.SecretsManagerClient, { store }).restore();
  client.middlewareStack.use(getSecretsManagerMockPlugin(store));
  useSecretsManagerMock({ client }, hooks);
}
new sdk300.SecretsManagerClient({ requestHandler: createSecretsManagerRequestHandler(store) });
new sdk540.SecretsManagerClient({ requestHandler: createSecretsManagerRequestHandler(store) });
new sdk848.SecretsManagerClient({ requestHandler: createSecretsManagerRequestHandler(store) });
new latest.SecretsManagerClient({ requestHandler: createSecretsManagerRequestHandler(store) });
