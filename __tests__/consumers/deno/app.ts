/** An application that reads a secret with its own client; `secrets-manager-mock/register` answers it. */
import "secrets-manager-mock/register";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: Deno.args[0] }));
console.log(SecretString);
