// An application that knows nothing of the mock: it makes its own client and reads one secret.
const { GetSecretValueCommand, SecretsManagerClient } = require("@aws-sdk/client-secrets-manager");

new SecretsManagerClient({ region: "us-east-1" })
  .send(new GetSecretValueCommand({ SecretId: process.argv[2] }))
  .then((r) => console.log(r.SecretString));
