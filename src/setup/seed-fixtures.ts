/**
 * Hand-written fixtures: `{ "secrets": { "prod/db": { "SecretString": "..." } } }`. Each secret is
 * created through the real CreateSecret / PutSecretValue operations, so fixtures pass the same
 * checks (names, sizes, tags, labels) and can't build a state AWS couldn't have. The one
 * exception is `OwningService`, which only AWS services can set. (The format: store/fixture-document.ts.)
 */
import { ServiceError } from "../errors.js";
import { dispatch } from "../operations/index.js";
import { childPath, DocumentReader } from "../store/document-reader.js";
import type { SecretsStoreCore } from "../store/secrets-store.js";

const SECRET_KEYS = ["SecretString", "SecretBinary", "Description", "KmsKeyId", "Tags", "Region", "OwningService", "Versions"] as const;
const VERSION_KEYS = ["SecretString", "SecretBinary", "VersionId", "VersionStages"] as const;

interface VersionPlan {
  path: string;
  input: Record<string, unknown>;
}
interface SecretPlan {
  name: string;
  path: string;
  region: string;
  create: Record<string, unknown>;
  versions: VersionPlan[];
  owningService?: string;
}

function readValue(r: DocumentReader, o: Record<string, unknown>, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (o.SecretString !== undefined) out.SecretString = r.string(o.SecretString, childPath(path, "SecretString"));
  if (o.SecretBinary !== undefined) {
    out.SecretBinary =
      o.SecretBinary instanceof Uint8Array ? Uint8Array.from(o.SecretBinary) : r.base64(o.SecretBinary, childPath(path, "SecretBinary"));
  }
  return out;
}

/** Checks the document's structure (types, known members) and turns it into API inputs. */
function plan(store: SecretsStoreCore, doc: unknown, file: string | undefined): SecretPlan[] {
  const r = new DocumentReader("fixtures", file);
  const root = r.object(doc, "", ["secrets"]);
  const secrets = r.object(root.secrets, "secrets");
  return Object.entries(secrets).map(([name, value]) => {
    const path = childPath("secrets", name);
    const o = r.object(value, path, SECRET_KEYS);
    const region = r.optionalString(o.Region, childPath(path, "Region"), 1) ?? store.region;
    const create: Record<string, unknown> = { Name: name };
    if (o.Description !== undefined) create.Description = r.string(o.Description, childPath(path, "Description"));
    if (o.KmsKeyId !== undefined) create.KmsKeyId = r.string(o.KmsKeyId, childPath(path, "KmsKeyId"));
    if (o.Tags !== undefined) {
      const tp = childPath(path, "Tags");
      create.Tags = Object.entries(r.object(o.Tags, tp)).map(([Key, v]) => ({ Key, Value: r.string(v, childPath(tp, Key)) }));
    }
    const versions: VersionPlan[] = [];
    if (o.Versions !== undefined) {
      if (o.SecretString !== undefined || o.SecretBinary !== undefined) {
        r.fail(childPath(path, "Versions"), "give either Versions or SecretString/SecretBinary, not both");
      }
      const vp = childPath(path, "Versions");
      r.array(o.Versions, vp).forEach((v, i) => {
        const p = childPath(vp, i);
        const vo = r.object(v, p, VERSION_KEYS);
        const input: Record<string, unknown> = { SecretId: name, ...readValue(r, vo, p) };
        if (vo.VersionId !== undefined) input.ClientRequestToken = r.string(vo.VersionId, childPath(p, "VersionId"));
        if (vo.VersionStages !== undefined) {
          const sp = childPath(p, "VersionStages");
          input.VersionStages = r.array(vo.VersionStages, sp).map((s, j) => r.string(s, childPath(sp, j)));
        }
        versions.push({ path: p, input });
      });
    } else {
      Object.assign(create, readValue(r, o, path));
    }
    const owningService = r.optionalString(o.OwningService, childPath(path, "OwningService"), 1, 128);
    return { name, path, region, create, versions, ...(owningService !== undefined && { owningService }) };
  });
}

function run(
  store: SecretsStoreCore,
  operation: string,
  input: Record<string, unknown>,
  region: string,
  r: DocumentReader,
  path: string,
): void {
  try {
    const out = dispatch(store, operation, input, { accountId: store.accountId, region });
    if (out instanceof Promise) throw new Error(`secrets-manager-mock: ${operation} is asynchronous and can't be used by fixtures`);
  } catch (e) {
    if (e instanceof ServiceError) r.fail(path, `${e.code}: ${e.message}`);
    throw e;
  }
}

/**
 * Adds the secrets of a fixture document to `store` through CreateSecret/PutSecretValue. All or
 * nothing: when one secret is refused, the store is left as it was and an `InvalidDocumentError`
 * names the secret (and `file`).
 */
export function applyFixtures(store: SecretsStoreCore, doc: unknown, file?: string): void {
  const r = new DocumentReader("fixtures", file);
  const plans = plan(store, doc, file);
  store.atomically(() => {
    for (const p of plans) {
      run(store, "CreateSecret", p.create, p.region, r, p.path);
      for (const v of p.versions) run(store, "PutSecretValue", v.input, p.region, r, v.path);
      if (p.owningService !== undefined) store.edit(store.accountId, p.region, p.name).owningService = p.owningService;
    }
  });
}
