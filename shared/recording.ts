/**
 * Optional call recording (issue 17, item 6): a team policy switch; both sides of a customer call
 * recorded on the desk (MediaRecorder, Opus in WebM), linked to the visit, kept for the policy's
 * days, played back on a lead's desk. The main side refuses to start one while the policy is off.
 */
import { z } from 'zod';

export const RecordingPolicySchema = z
  .object({
    enabled: z.boolean(),
    /** Recordings older than this are deleted, files and rows. */
    retentionDays: z.number().int().min(1).max(3650),
  })
  .strict();
export type RecordingPolicy = z.infer<typeof RecordingPolicySchema>;
export const RECORDING_OFF: RecordingPolicy = { enabled: false, retentionDays: 30 };

export const RECORDING_MIME = 'audio/webm;codecs=opus';
/** One chunk as the renderer sends it (base64 of about a second of Opus, far below this). */
export const MAX_RECORDING_CHUNK_CHARS = 512 * 1024;
/** A recording stops growing here (over 4 hours of Opus at 32 kbit/s). */
export const MAX_RECORDING_BYTES = 64 * 1024 * 1024;

const Id = z.number().int().positive();
export const RecordingStartSchema = z.object({ number: z.string().max(32), at: z.number().int(), visitId: Id.optional() }).strict();
export const RecordingAppendSchema = z
  .object({ id: Id, chunk: z.string().max(MAX_RECORDING_CHUNK_CHARS).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64') })
  .strict();
export const RecordingEndSchema = z.object({ id: Id, at: z.number().int() }).strict();
export const RecordingListSchema = z.object({ visitId: Id }).strict();
export const RecordingIdSchema = z.object({ id: Id }).strict();

export interface RecordingInfo {
  readonly id: number;
  readonly visitId: number | null;
  readonly number: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  readonly bytes: number;
}
