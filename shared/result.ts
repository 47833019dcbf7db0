/**
 * The only shape that crosses the renderer ↔ main boundary: nothing throws across it.
 * Expected failures carry a stable `code` the UI can translate; `message` is for logs and tooltips.
 */
export const ErrorCode = {
  BadArguments: 'bad-arguments',
  Forbidden: 'forbidden',
  NotFound: 'not-found',
  Unavailable: 'unavailable',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface AppErrorShape {
  readonly code: ErrorCode;
  readonly message: string;
  /** Field-level reasons for bad input, keyed by the field's path ("fields.description"). */
  readonly fields?: Readonly<Record<string, string>>;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, fields?: Readonly<Record<string, string>>): Result<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** Thrown by main-side services for an expected failure; the dispatcher turns it into `{ ok: false }`. */
export class AppError extends Error implements AppErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
