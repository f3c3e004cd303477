import { setTimeout as sleep } from 'node:timers/promises';
import { errorMessage, getLogger } from '../../logging/Logger.js';
import { describeFetchFailure, isPermanentFailure } from '../../util/FetchFailures.js';
import { unauthorizedAdvice } from './AuthorizationAdvice.js';
import { ODataAuthError, ODataFormatError, ODataHttpError, ODataNotFoundError, ODataPagingError } from './ODataErrors.js';

const log = getLogger('ODataClient');

/** Retry policy: exponential backoff with full jitter after 429, 5xx and network errors. */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Upper bound of the first backoff, in milliseconds; it doubles with each retry. */
  baseDelayMs: number;
  /** Upper bound of any one wait, Retry-After included, in milliseconds. */
  maxDelayMs: number;
  /** Time limit of one HTTP request, in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, timeoutMs: 60_000 };

export interface ODataClientOptions {
  /** Value of the Authorization header, such as `Basic …` or `Bearer …`; sent only to the service's origin. */
  authorization?: string;
  retry?: Partial<RetryPolicy>;
  /** Maximum number of pages one collection may have before paging stops with an error. */
  maxPages?: number;
  /** Returns a number in [0, 1) for jitter; tests pass a fixed one. */
  random?: () => number;
}

/** One page of an OData collection (OData JSON Format 4.0: `value` and `@odata.nextLink`). */
interface CollectionPage {
  value: unknown[];
  '@odata.nextLink'?: string;
}

/** Statuses worth retrying: too many requests, and server errors a later attempt may not meet. */
function isRetryable(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** Returns the wait that a Retry-After header requests (seconds or an HTTP date), in milliseconds. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') {
    return undefined;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim()) * 1000;
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Returns the OData error message of a response body (`{"error": {"message": …}}`), if it has one. */
async function serviceMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') {
      return body.error.message;
    }
  } catch {
    // Not JSON: fall through to the start of the text.
  }
  // An HTML error page is cut at a word boundary, on one line, so that the message stays readable.
  const line = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  if (line.length <= MAX_SERVICE_MESSAGE) {
    return line;
  }
  const cut = line.slice(0, MAX_SERVICE_MESSAGE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SERVICE_MESSAGE / 2))}…`;
}

/** Maximum length of the part of a non-JSON error body that a message quotes. */
const MAX_SERVICE_MESSAGE = 200;

/**
 * A small OData v4 JSON client for one service: GET with retries, and collections followed through
 * `@odata.nextLink`. The Authorization header is never logged, and never sent to another origin.
 */
export class ODataClient {
  private readonly origin: string;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly maxPages: number;

  public constructor(
    serviceRoot: string,
    private readonly options: ODataClientOptions = {},
  ) {
    this.origin = new URL(serviceRoot).origin;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.maxPages = options.maxPages ?? 10_000;
  }

  /** Returns the parsed JSON of a GET, retrying as the policy allows. Throws ODataHttpError or a subclass for an error status. */
  public async getJson(url: string): Promise<unknown> {
    if (new URL(url).origin !== this.origin) {
      throw new ODataPagingError(url, `refusing to request ${url}: it is outside the service origin ${this.origin}`);
    }
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(url, { headers: this.headers(), signal: AbortSignal.timeout(this.retry.timeoutMs) });
      } catch (error) {
        const reason = describeFetchFailure(error);
        // An unknown host or a certificate that is not trusted fails the same way on every attempt.
        if (attempt >= this.retry.maxAttempts || isPermanentFailure(error)) {
          const limit = reason === 'timed out' ? ` (limit ${this.retry.timeoutMs} ms)` : '';
          const attempts = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
          throw new ODataHttpError(url, 0, `GET ${url} failed: ${reason}${limit} after ${attempts}; check the URL and that Windchill is reachable.`);
        }
        await this.wait(url, attempt, undefined, reason);
        continue;
      }
      if (response.ok) {
        return this.parse(url, response);
      }
      if (isRetryable(response.status) && attempt < this.retry.maxAttempts) {
        await response.body?.cancel();
        const retryAfter = retryAfterMs(response.headers.get('retry-after'));
        // A request before the time that Retry-After gives would likely be rejected again (RFC 9110, 10.2.3).
        if (retryAfter !== undefined && retryAfter > this.retry.maxDelayMs) {
          throw new ODataHttpError(
            url,
            response.status,
            `GET ${url} was answered ${response.status} with Retry-After ${Math.ceil(retryAfter / 1000)} s, longer than the ${this.retry.maxDelayMs / 1000} s this pull waits; ` +
              `run the pull again after ${new Date(Date.now() + retryAfter).toISOString()}.`,
          );
        }
        await this.wait(url, attempt, retryAfter, `HTTP ${response.status}`);
        continue;
      }
      throw await this.failure(url, response, attempt);
    }
  }

  /** Returns every entity of a collection, following `@odata.nextLink` until the last page. */
  public async getCollection(url: string): Promise<Array<{ entity: unknown; page: string }>> {
    const entities: Array<{ entity: unknown; page: string }> = [];
    const seen = new Set<string>();
    for (let next: string | undefined = url; next !== undefined; ) {
      if (seen.has(next)) {
        throw new ODataPagingError(next, `the service returned the next link ${next} twice; stopping to avoid a paging loop`);
      }
      if (seen.size >= this.maxPages) {
        throw new ODataPagingError(next, `collection ${url} has more than ${this.maxPages} pages; raise maxPages if that is expected`);
      }
      seen.add(next);
      const page = await this.getJson(next);
      if (typeof page !== 'object' || page === null || !Array.isArray((page as CollectionPage).value)) {
        throw new ODataFormatError(next, `response of ${next} is not an OData collection: it lacks the "value" array`);
      }
      for (const entity of (page as CollectionPage).value) {
        entities.push({ entity, page: next });
      }
      const link = (page as CollectionPage)['@odata.nextLink'];
      next = link === undefined ? undefined : new URL(link, next).toString();
    }
    return entities;
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { accept: 'application/json', 'odata-version': '4.0', 'odata-maxversion': '4.0' };
    if (this.options.authorization !== undefined) {
      headers.authorization = this.options.authorization;
    }
    return headers;
  }

  private async parse(url: string, response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      // A sign-on page or a proxy's page returns HTML with status 200, and the JSON parser's message would only name the `<`.
      if (text.trimStart().startsWith('<')) {
        throw new ODataFormatError(
          url,
          `response of ${url} is HTML, not JSON. A login page, a proxy or a wrong service root URL usually returns HTML; check the URL and DT_ODATA_AUTHORIZATION.`,
        );
      }
      throw new ODataFormatError(url, `response of ${url} is not valid JSON: ${errorMessage(error)}`);
    }
  }

  /** Waits before the next attempt: Retry-After when the server sent one, else a jittered exponential backoff. */
  private async wait(url: string, attempt: number, retryAfter: number | undefined, reason: string): Promise<void> {
    const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = retryAfter ?? Math.floor(this.random() * backoff);
    log.warn('retrying OData request', { url, attempt, maxAttempts: this.retry.maxAttempts, reason, delayMs: delay });
    await sleep(delay);
  }

  private async failure(url: string, response: Response, attempt: number): Promise<Error> {
    const detail = await serviceMessage(response);
    const suffix = detail === '' ? '' : `: ${detail}`;
    if (response.status === 401) {
      const advice = unauthorizedAdvice(this.options.authorization, response.headers.get('www-authenticate'));
      return new ODataAuthError(url, 401, `GET ${url} was rejected with 401 Unauthorized${suffix}. ${advice}`);
    }
    if (response.status === 403) {
      return new ODataAuthError(url, 403, `GET ${url} was rejected with 403 Forbidden${suffix}. Check that the account may read parts in the ProdMgmt domain.`);
    }
    if (response.status === 404) {
      return new ODataNotFoundError(url, `GET ${url} returned 404 Not Found${suffix}. Check the service root URL and that the ProdMgmt domain is installed.`);
    }
    const retried = attempt > 1 ? ` after ${attempt} attempts` : '';
    return new ODataHttpError(url, response.status, `GET ${url} failed with HTTP ${response.status}${retried}${suffix}`);
  }
}
