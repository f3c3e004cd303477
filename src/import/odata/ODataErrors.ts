import { ImportError } from '../ImportErrors.js';

/** The service returned an HTTP error status that retrying does not fix, or the retries ran out. */
export class ODataHttpError extends ImportError {
  public constructor(
    public readonly url: string,
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ODataHttpError';
  }
}

/** 401 or 403: the credentials in the Authorization option are missing, invalid or lack rights. */
export class ODataAuthError extends ODataHttpError {
  public constructor(url: string, status: number, message: string) {
    super(url, status, message);
    this.name = 'ODataAuthError';
  }
}

/** 404: the service root or the entity set is wrong. */
export class ODataNotFoundError extends ODataHttpError {
  public constructor(url: string, message: string) {
    super(url, 404, message);
    this.name = 'ODataNotFoundError';
  }
}

/** The response is not the OData JSON the client expects. */
export class ODataFormatError extends ImportError {
  public constructor(
    public readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'ODataFormatError';
  }
}

/** Server-driven paging went wrong: a next link seen before, one to another origin, or too many pages. */
export class ODataPagingError extends ImportError {
  public constructor(
    public readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'ODataPagingError';
  }
}
