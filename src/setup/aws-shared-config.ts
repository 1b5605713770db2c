/**
 * The profile settings the AWS SDK for JavaScript v3 reads from the shared config and credentials
 * files, read the way the SDK reads them (`@smithy/core` config: `loadSharedConfigFiles`,
 * `parseIni`, `getProfileName`), but synchronously: a store's region must be known when its
 * constructor applies fixtures, and the SDK's loader is asynchronous.
 *
 * Held equal to the SDK by `__tests__/setup/aws-defaults.test.ts`, which asks a real
 * `SecretsManagerClient` for its region under the same files.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** One profile's `key = value` settings (sub-section keys as `sub.key`). */
export type ProfileSettings = Readonly<Record<string, string>>;

/** The section prefixes the SDK recognises in `[prefix name]` headers. */
const SECTION_PREFIXES = new Set(["profile", "sso-session", "services"]);
const PREFIXED_SECTION = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
// The SDK refuses these names: a file holding one is ignored as a whole.
const REFUSED_SECTIONS = new Set(["__proto__", "profile __proto__"]);

class RefusedSection extends Error {}

/** The sections of an INI text, by name (`profile.dev` for `[profile dev]`). */
function parseIni(text: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let section: string | undefined;
  let subSection: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.split(/(^|\s)[;#]/)[0].trim();
    if (line.startsWith("[") && line.endsWith("]")) {
      const name = line.slice(1, -1);
      section = undefined;
      subSection = undefined;
      const prefixed = PREFIXED_SECTION.exec(name);
      if (prefixed === null) section = name;
      else if (SECTION_PREFIXES.has(prefixed[1])) section = `${prefixed[1]}.${prefixed[3]}`;
      if (REFUSED_SECTIONS.has(name)) throw new RefusedSection();
      continue;
    }
    if (section === undefined) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === "") {
      subSection = key;
      continue;
    }
    if (subSection !== undefined && rawLine.trimStart() === rawLine) subSection = undefined;
    let settings = sections.get(section);
    if (settings === undefined) sections.set(section, (settings = Object.create(null) as Record<string, string>));
    settings[subSection === undefined ? key : `${subSection}.${key}`] = value;
  }
  return sections;
}

// Like the SDK, which keeps each shared file's content for the life of the process.
const parsedFiles = new Map<string, Map<string, Record<string, string>>>();

/** The parsed file, or no sections when it is missing, unreadable or refused (the SDK ignores it then too). */
function readIniFile(file: string): Map<string, Record<string, string>> {
  let sections = parsedFiles.get(file);
  if (sections === undefined) {
    try {
      sections = parseIni(fs.readFileSync(file, "utf8"));
    } catch {
      sections = new Map();
    }
    parsedFiles.set(file, sections);
  }
  return sections;
}

function homeDir(env: NodeJS.ProcessEnv): string {
  if (env.HOME) return env.HOME;
  if (env.USERPROFILE) return env.USERPROFILE;
  if (env.HOMEPATH) return `${env.HOMEDRIVE ?? `C:${path.sep}`}${env.HOMEPATH}`;
  return os.homedir();
}

function expandHome(file: string, env: NodeJS.ProcessEnv): string {
  return file.startsWith("~/") ? path.join(homeDir(env), file.slice(2)) : file;
}

/**
 * The settings of the active profile (`AWS_PROFILE`, else `default`): those of the shared
 * credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`, section `[name]`)
 * over those of the shared config file (`AWS_CONFIG_FILE`, else `~/.aws/config`, section
 * `[profile name]`, or `[default]`), which is the SDK's order for the region.
 */
export function activeProfileSettings(env: NodeJS.ProcessEnv = process.env): ProfileSettings {
  const profile = env.AWS_PROFILE || "default";
  const config = readIniFile(expandHome(env.AWS_CONFIG_FILE || path.join(homeDir(env), ".aws", "config"), env));
  const credentials = readIniFile(expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(homeDir(env), ".aws", "credentials"), env));
  // In the config file, `[profile default]` wins over `[default]`; other profiles need the prefix.
  const fromConfig = config.get(`profile.${profile}`) ?? (profile === "default" ? config.get("default") : undefined);
  return { ...fromConfig, ...credentials.get(profile) };
}
