/** Runs a test under changed AWS settings (environment variables, a temporary config file), restored after. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

let counter = 0;
const dirs: string[] = [];
// Imported by test files only, where Jest's globals exist.
afterAll(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Writes `text` to a new temporary file (removed after the test file) and returns its path. Each
 * file gets a fresh name: the SDK caches shared config files by path for the life of the process.
 */
export function tempConfigFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smm-aws-config-"));
  dirs.push(dir);
  const file = path.join(dir, `config-${process.pid}-${++counter}`);
  fs.writeFileSync(file, text);
  return file;
}

/** Sets `vars` (undefined deletes) for the duration of `fn`, then puts every one back. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T | Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- process.env is not a Map: deleting is how a variable is unset (assigning undefined would set "undefined")
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  set(vars);
  try {
    return await fn();
  } finally {
    set(saved);
  }
}

/** The two ways a user's machine names a region: `AWS_REGION`, or a profile in the shared config file. */
export function regionSettings(region: string): Array<{ name: string; env: () => Record<string, string | undefined> }> {
  return [
    { name: `AWS_REGION=${region}`, env: () => ({ AWS_REGION: region }) },
    {
      name: `AWS_PROFILE=dev with region ${region} in AWS_CONFIG_FILE`,
      env: () => ({
        AWS_PROFILE: "dev",
        AWS_CONFIG_FILE: tempConfigFile(`[default]\nregion = ap-south-1\n\n[profile dev]\nregion = ${region}\n`),
      }),
    },
  ];
}
