import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../../shared/result.js';
import type { ImportFile } from './kb-import.js';

/** All files of one import together (what the single-call import allowed). */
export const UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
/** An upload nobody finished is dropped after this long. */
const UPLOAD_TTL_MS = 30 * 60_000;
const MAX_UPLOADS = 4;

interface Upload {
  readonly files: Map<string, Buffer[]>;
  bytes: number;
  touchedAt: number;
}

/**
 * Knowledge-base files arriving in chunks (a browser-host message is capped at 1 MiB, so a large
 * import cannot travel in one call). Chunks are kept in memory per upload id until the import is
 * committed in one transaction, or aborted; nothing reaches the database before the commit.
 */
export class KbUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly now: () => number = Date.now) {}

  begin(): string {
    this.sweep();
    if (this.uploads.size >= MAX_UPLOADS) throw new AppError(ErrorCode.Unavailable, 'too many imports under way; finish or cancel one first');
    const id = randomUUID();
    this.uploads.set(id, { files: new Map(), bytes: 0, touchedAt: this.now() });
    return id;
  }

  /** Appends the next piece of a file (pieces of one file arrive in order). */
  chunk(id: string, name: string, bytes: Buffer): { received: number } {
    const upload = this.require(id);
    if (upload.bytes + bytes.length > UPLOAD_MAX_BYTES) {
      this.uploads.delete(id);
      throw new AppError(ErrorCode.BadArguments, 'files larger than 50 MB in all: import them in parts');
    }
    const parts = upload.files.get(name) ?? [];
    parts.push(bytes);
    upload.files.set(name, parts);
    upload.bytes += bytes.length;
    upload.touchedAt = this.now();
    return { received: upload.bytes };
  }

  /** The files of an upload, whole; the upload is gone afterwards. */
  take(id: string): ImportFile[] {
    const upload = this.require(id);
    this.uploads.delete(id);
    return [...upload.files].map(([name, parts]) => ({ name, bytes: Buffer.concat(parts) }));
  }

  abort(id: string): void {
    this.uploads.delete(id);
  }

  private require(id: string): Upload {
    this.sweep();
    const upload = this.uploads.get(id);
    if (!upload) throw new AppError(ErrorCode.NotFound, 'this import expired or was cancelled: start it again');
    return upload;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, u] of this.uploads) if (now - u.touchedAt > UPLOAD_TTL_MS) this.uploads.delete(id);
  }
}
