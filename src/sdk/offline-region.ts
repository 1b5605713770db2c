/**
 * A client built without a region resolves one through the SDK's chain: `AWS_REGION`, the shared
 * config files, then (SDK 3.8xx and later) the EC2 instance metadata service at 169.254.169.254.
 * That last step is a network request, which a mocked client must never make: on a machine with
 * no region configured it would also stall the first call for the service's timeout. While the
 * mock asks a client for its region, the SDK's own switch `AWS_EC2_METADATA_DISABLED` is set
 * (unless the user set it), so the chain ends with "Region is missing" and the mock falls back to
 * the store's region.
 */
const IMDS_SWITCH = "AWS_EC2_METADATA_DISABLED";

/** Region lookups in flight that hold the switch; the last one to finish clears it. */
let holders = 0;

function hold(): boolean {
  if (holders > 0) {
    holders++;
    return true;
  }
  if (process.env[IMDS_SWITCH] !== undefined) return false;
  process.env[IMDS_SWITCH] = "true";
  holders = 1;
  return true;
}

function release(): void {
  if (--holders === 0) Reflect.deleteProperty(process.env, IMDS_SWITCH);
}

/** Calls a client's region provider with instance-metadata lookups switched off for the call. */
export async function resolveRegionOffline(provider: () => unknown): Promise<unknown> {
  const held = hold();
  try {
    return await provider();
  } finally {
    if (held) release();
  }
}
