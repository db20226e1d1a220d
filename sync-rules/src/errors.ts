/**
 * Stable error codes shared by the server and every client. A code never
 * changes meaning once released; clients branch on it, people read the
 * message.
 */
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  MALFORMED_QUERY: 400,
  INVALID_CHECKPOINT: 400,
  SCHEMA_VIOLATION: 422,
  BUSINESS_RULE: 422,
  INVALID_TRANSITION: 422,
  IMMUTABLE_FIELD: 422,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_COLLECTION: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The body of every error response: `{ "error": { code, message } }`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * The one error type of the project. `code` is what programs compare;
 * `message` tells a person what to do next.
 */
export class OkadaError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "OkadaError";
    this.code = code;
    this.details = details;
  }

  /** The HTTP status that carries this error at an HTTP edge. */
  get status(): number {
    return ERROR_CODES[this.code];
  }

  toBody(): ErrorBody {
    const error: ErrorBody["error"] = {
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_CODES, value);
}

export function isOkadaError(value: unknown): value is OkadaError {
  return value instanceof OkadaError;
}
