import { createHash, randomBytes as cryptoRandomBytes, randomUUID } from "node:crypto";

/** Request id sequences end before their 7 hex digits overflow (then a new prefix is drawn). */
const REQUEST_SEQ_END = 0x1000_0000;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * Where every generated value comes from: VersionIds and tokens the mock creates, ARN suffixes,
 * request ids, random passwords. A seeded source makes two runs byte-for-byte identical.
 */
export interface IdSource {
  /** A random (v4) UUID. */
  uuid(): string;
  /** True when {@link uuid} never repeats, across stores and runs (node:crypto); false when seeded. */
  readonly unique: boolean;
  /**
   * A request id: UUID-shaped (version 4, RFC variant) and unique, but cheaper than {@link uuid}
   * (one is made for every call): a random prefix drawn once, then a 48-bit sequence.
   */
  requestId(): string;
  /** The 6 mixed-case alphanumeric characters AWS appends to a secret's ARN. */
  arnSuffix(): string;
  /** Uniform random bytes. */
  bytes(n: number): Uint8Array;
  /** A uniform integer in `[0, max)` (`max` ≤ 2^32). */
  int(max: number): number;
}

/** Byte streams: node:crypto's CSPRNG, or SHA-256 in counter mode over a seed (deterministic). */
abstract class ByteIdSource implements IdSource {
  abstract readonly unique: boolean;
  private pool: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private readonly scratch = new Uint8Array(16);
  private requestPrefix = "";
  private requestSeq = REQUEST_SEQ_END;

  protected abstract refill(): Uint8Array;

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      if (this.offset >= this.pool.length) {
        this.pool = this.refill();
        this.offset = 0;
      }
      const take = Math.min(n - filled, this.pool.length - this.offset);
      out.set(this.pool.subarray(this.offset, this.offset + take), filled);
      this.offset += take;
      filled += take;
    }
    return out;
  }

  int(max: number): number {
    if (max <= 0) return 0;
    // Rejection sampling keeps the distribution uniform.
    const limit = Math.floor(0x1_0000_0000 / max) * max;
    for (;;) {
      const b = this.bytes(4);
      const v = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
      if (v < limit) return v % max;
    }
  }

  abstract uuid(): string;

  /** The next 16 bytes, in a scratch array that the caller uses at once (no allocation per UUID). */
  protected next16(): Uint8Array {
    const s = this.scratch;
    if (this.offset + 16 > this.pool.length) {
      s.set(this.bytes(16));
      return s;
    }
    for (let i = 0; i < 16; i++) s[i] = this.pool[this.offset + i]!;
    this.offset += 16;
    return s;
  }

  requestId(): string {
    if (this.requestSeq >= REQUEST_SEQ_END) {
      // "xxxxxxxx-xxxx-4xxx-Vxxx-xxxxx" from a random UUID; the last 7 hex digits count from a random start.
      this.requestPrefix = this.uuid().slice(0, 29);
      this.requestSeq = this.int(REQUEST_SEQ_END >>> 1);
    }
    // A small integer prints fast; the leading 1 keeps the zeros of the 7 digits.
    return this.requestPrefix + (this.requestSeq++ | REQUEST_SEQ_END).toString(16).slice(1);
  }

  arnSuffix(): string {
    let s = "";
    for (let i = 0; i < 6; i++) s += ALPHANUMERIC[this.int(ALPHANUMERIC.length)];
    return s;
  }
}

class CryptoIdSource extends ByteIdSource {
  readonly unique = true;

  uuid(): string {
    // node:crypto's own v4 UUIDs from its CSPRNG, as cheap per UUID as the pool (its own cache)
    // and without loading `uuid`, whose entry point loads every UUID version: that was more than
    // half of this package's ESM import time, for the stores nearly everyone makes.
    return randomUUID();
  }

  protected refill(): Uint8Array {
    // A large pool (bytes, ARN suffixes, passwords): each call to the CSPRNG has a fixed cost of
    // several microseconds (measured: 2 KiB 4.9 µs, 16 KiB 8.6 µs).
    return cryptoRandomBytes(16384);
  }
}

class SeededIdSource extends ByteIdSource {
  readonly unique = false;
  private counter = 0;
  private readonly key: Buffer;

  constructor(seed: string | number) {
    super();
    this.key = createHash("sha256")
      .update(`secrets-manager-mock:${String(seed)}`)
      .digest();
  }

  uuid(): string {
    return uuidV4()({ random: this.next16() });
  }

  protected refill(): Uint8Array {
    const block = Buffer.alloc(8);
    block.writeDoubleBE(this.counter++);
    return createHash("sha256").update(this.key).update(block).digest();
  }
}

let v4: typeof import("uuid").v4 | undefined;

/**
 * `uuid`'s v4, loaded on the first seeded UUID: node:crypto cannot build a UUID from given bytes.
 * A synchronous load (ids are made inside synchronous store calls): `require`, which the ESM build
 * turns into a `createRequire` of this file.
 */
function uuidV4(): typeof import("uuid").v4 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (v4 ??= (require("uuid") as typeof import("uuid")).v4);
}

/** An id source: seeded (deterministic) when `seed` is given, node:crypto otherwise. */
export function createIdSource(seed?: string | number): IdSource {
  return seed === undefined ? new CryptoIdSource() : new SeededIdSource(seed);
}
