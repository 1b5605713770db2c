// The SDK warns once per process that Node 20 support ends in 2027; the warning is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

// Hermetic AWS settings: the developer's or CI's region, profile and config files must not change
// what a test sees (stores and region-less clients follow them). Tests of region resolution set
// their own and restore these. No instance-metadata lookups either.
for (const name of [
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_ACCOUNT_ID",
  "SECRETS_MANAGER_MOCK_REGION",
  "SECRETS_MANAGER_MOCK_ACCOUNT_ID",
  "SECRETS_MANAGER_MOCK_WARNINGS",
]) {
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env is not a Map: deleting is how a variable is unset (assigning undefined would set "undefined")
  delete process.env[name];
}
process.env.AWS_CONFIG_FILE = "/nonexistent/secrets-manager-mock-tests/config";
process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/secrets-manager-mock-tests/credentials";
process.env.AWS_EC2_METADATA_DISABLED = "true";
