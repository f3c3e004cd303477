/**
 * Typed HTTP errors. Code anywhere in the request path throws one of these; the single error handler
 * (ErrorHandler.ts) turns it into an `oslc:Error` response with the same status code.
 *
 * Messages name the offending property, header or parameter and say how to fix the request, because
 * the message is all an OSLC client shows its user.
 */
export interface HttpErrorOptions {
  /** IRI of the resource shape that the request violated, sent as `Link: <...>; rel="ldp#constrainedBy"`. */
  constrainedBy?: string;
  /** Extra response headers, such as `Allow` on 405. */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class HttpError extends Error {
  public readonly constrainedBy?: string;
  public readonly headers: Record<string, string>;

  public constructor(public readonly statusCode: number, message: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.constrainedBy = options.constrainedBy;
    this.headers = options.headers ?? {};
  }
}

export class BadRequestHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(400, message, options);
  }
}

export class UnauthorizedHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(401, message, options);
  }
}

export class ForbiddenHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(403, message, options);
  }
}

export class NotFoundHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(404, message, options);
  }
}

export class MethodNotAllowedHttpError extends HttpError {
  /** Without `message`, the message names the allowed methods. */
  public constructor(method: string, allowed: readonly string[], message?: string) {
    super(405, message ?? `Method ${method} is not allowed on this resource; use one of ${allowed.join(', ')}.`, {
      headers: { Allow: allowed.join(', ') },
    });
  }
}

export class NotAcceptableHttpError extends HttpError {
  /** `reason`, when given, is a sentence that goes before the list of offered media types. */
  public constructor(accept: string, offered: readonly string[], reason?: string) {
    const intro = reason ?? `None of the media types in the Accept header (${accept}) can be produced here.`;
    super(406, `${intro} Request one of ${offered.join(', ')}.`);
  }
}

export class ConflictHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(409, message, options);
  }
}

export class GoneHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(410, message, options);
  }
}

export class PreconditionFailedHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(412, message, options);
  }
}

export class PayloadTooLargeHttpError extends HttpError {
  public constructor(limitBytes: number) {
    super(413, `The request body is larger than the limit of ${limitBytes} bytes; send a smaller body or raise --max-body on the server.`);
  }
}

/**
 * A request body that ended early because the client closed the connection. The status is 400, since the
 * body that arrived is incomplete, but no response can reach the client, so the error handler only logs it.
 */
export class RequestAbortedHttpError extends BadRequestHttpError {
  public constructor(public readonly receivedBytes: number) {
    super(`The client closed the connection after ${receivedBytes} bytes, before the request body ended; send the whole body again.`);
  }
}

export class UnsupportedMediaTypeHttpError extends HttpError {
  public constructor(contentType: string | undefined, accepted: readonly string[]) {
    const given = contentType === undefined || contentType === '' ? 'no Content-Type header' : `Content-Type ${contentType}`;
    super(415, `The request has ${given}; send the body as one of ${accepted.join(', ')}.`);
  }
}

export class UnprocessableEntityHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(422, message, options);
  }
}

export class PreconditionRequiredHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(428, message, options);
  }
}

export class TooManyRequestsHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(429, message, options);
  }
}

export class InternalServerHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(500, message, options);
  }
}

export class NotImplementedHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(501, message, options);
  }
}

export class ServiceUnavailableHttpError extends HttpError {
  public constructor(message: string, options?: HttpErrorOptions) {
    super(503, message, options);
  }
}

/** One property-level problem of a resource that does not conform to its shape. */
export interface ShapeViolation {
  /** The property (`oslc:propertyDefinition`) at fault, or undefined for a problem of the whole resource. */
  property?: string;
  message: string;
  /** The SHACL constraint component that failed, when SHACL found the problem. */
  constraint?: string;
}

/**
 * A 400 for content that breaks its resource shape. It keeps each problem apart, with the property it
 * concerns, so that forms can show every message next to its field.
 */
export class ShapeViolationHttpError extends BadRequestHttpError {
  public constructor(
    message: string,
    public readonly violations: readonly ShapeViolation[],
    options?: HttpErrorOptions,
  ) {
    super(message, options);
  }
}
