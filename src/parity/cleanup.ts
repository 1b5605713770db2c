/**
 * Deletes what a run created, whatever happened: every name a CreateSecret was sent for is
 * force-deleted (a forced delete of a name that no longer exists succeeds on AWS), replicas are
 * removed first when a secret still has some, and what could not be deleted is reported.
 */
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  RemoveRegionsFromReplicationCommand,
  type ReplicationStatusType,
} from "@aws-sdk/client-secrets-manager";
import type { ParityClient } from "./scenario.js";

/** A secret the cleanup could not delete, and why (the error's name and message; never a value). */
export interface NotDeleted {
  name: string;
  error: string;
}

/** What a cleanup did. */
export interface CleanupResult {
  deleted: string[];
  notDeleted: NotDeleted[];
}

function describeError(e: unknown): string {
  const err = e as { name?: unknown; message?: unknown };
  return `${typeof err.name === "string" ? err.name : "Error"}: ${typeof err.message === "string" ? err.message : String(e)}`;
}

/** The names a run created on its target, deleted at the end by {@link Cleanup.run}. */
export class Cleanup {
  private readonly names = new Set<string>();
  private done: Promise<CleanupResult> | undefined;

  /** Remembers a name a CreateSecret is about to be sent for. */
  track(name: string): void {
    this.names.add(name);
  }

  /** The names remembered so far. */
  get tracked(): readonly string[] {
    return [...this.names];
  }

  /** Force-deletes every tracked name; runs once (a second call gets the first call's result). */
  run(client: ParityClient): Promise<CleanupResult> {
    this.done ??= this.deleteAll(client);
    return this.done;
  }

  private async deleteAll(client: ParityClient): Promise<CleanupResult> {
    const result: CleanupResult = { deleted: [], notDeleted: [] };
    for (const name of [...this.names].reverse()) {
      try {
        await this.deleteOne(client, name);
        result.deleted.push(name);
      } catch (e) {
        // A name the service refused as invalid was never created.
        if ((e as { name?: unknown }).name === "ValidationException") continue;
        result.notDeleted.push({ name, error: describeError(e) });
      }
    }
    return result;
  }

  private async deleteOne(client: ParityClient, name: string): Promise<void> {
    const force = () => client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    try {
      await force();
    } catch (e) {
      if (!/replica/i.test((e as { message?: string }).message ?? "")) throw e;
      const described = await client.send(new DescribeSecretCommand({ SecretId: name }));
      const regions = (described.ReplicationStatus ?? [])
        .map((r: ReplicationStatusType) => r.Region)
        .filter((r): r is string => r !== undefined);
      await client.send(new RemoveRegionsFromReplicationCommand({ SecretId: name, RemoveReplicaRegions: regions }));
      await force();
    }
  }
}
