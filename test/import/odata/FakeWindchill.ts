import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PARTS, partEntity, partId, usesEntities, type InventedPart } from './WindchillPayloads.js';

export const AUTHORIZATION = 'Basic dGVzdGVyOmludmVudGVk';
const DOMAIN_PATH = '/Windchill/servlet/odata/ProdMgmt';

/** A canned error response that the server sends in place of handling a request. */
export interface Interruption {
  status: number;
  retryAfter?: string;
}

/** Behaviour switches of one test. */
export interface Scenario {
  /** Error responses sent, in order, to the next authenticated requests. */
  interruptions: Interruption[];
  /** Parts per page of the parts collection. */
  pageSize: number;
  /** Leave `Uses` out of the expansion, so the client must ask for each part's uses. */
  expandUses: boolean;
  /** Make the second page's next link point back to itself. */
  pagingLoop: boolean;
  /**
   * Properties that each child part expanded under a PartUse keeps, such as `['ID', 'Number', 'Revision']`.
   * They model a service that expands partial copies of parts that `value[]` also returns in full. All are kept by default.
   */
  childProperties?: readonly string[];
}

/** Returns the parts that an OData `$filter` selects (`LastModified ge T`, or `Number eq 'N'` with an optional `and Revision eq 'R'`), or undefined for any other filter. */
function filterParts(parts: readonly InventedPart[], filter: string | null): InventedPart[] | undefined {
  if (filter === null) {
    return [...parts];
  }
  const since = /^LastModified ge (\S+)$/.exec(filter)?.[1];
  if (since !== undefined) {
    return parts.filter((part) => Date.parse(part.lastModified) >= Date.parse(since));
  }
  const version = /^Number eq '((?:[^']|'')*)'(?: and Revision eq '((?:[^']|'')*)')?$/.exec(filter);
  if (version !== null) {
    const unquote = (literal: string | undefined): string | undefined => literal?.replace(/''/g, "'");
    return parts.filter((part) => part.number === unquote(version[1]) && (version[2] === undefined || part.revision === unquote(version[2])));
  }
  return undefined;
}

/**
 * A loopback HTTP server that replays the invented Windchill ProdMgmt responses: the parts collection with
 * `$skiptoken` paging, `LastModified ge` and `Number eq` filtering and `Parts('ID')/Uses`, behind Basic authentication.
 */
export class FakeWindchill {
  public readonly requests: Array<{ url: string; authorization: string | undefined; at: number }> = [];
  public scenario: Scenario = { interruptions: [], pageSize: 4, expandUses: true, pagingLoop: false };
  /** The parts the server holds; a test may replace one to model a change in Windchill. */
  public parts: InventedPart[] = [...PARTS];
  private server: Server | undefined;
  private port = 0;

  public get serviceRoot(): string {
    return `http://127.0.0.1:${this.port}/Windchill/servlet/odata`;
  }

  /** Listens on 127.0.0.1, on `port` or else on a free port. */
  public async start(port = 0): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${this.port}`);
    this.requests.push({ url: request.url ?? '', authorization: request.headers.authorization, at: Date.now() });
    if (request.headers.authorization !== AUTHORIZATION) {
      this.send(response, 401, { error: { code: '401', message: 'Authentication required' } }, { 'www-authenticate': 'Basic realm="Windchill"' });
      return;
    }
    const interruption = this.scenario.interruptions.shift();
    if (interruption !== undefined) {
      const headers: Record<string, string> = interruption.retryAfter === undefined ? {} : { 'retry-after': interruption.retryAfter };
      this.send(response, interruption.status, { error: { code: String(interruption.status), message: 'Server busy' } }, headers);
      return;
    }
    const path = decodeURIComponent(url.pathname);
    if (path === `${DOMAIN_PATH}/Parts`) {
      this.sendParts(url, response);
      return;
    }
    const usesMatch = /^\/Windchill\/servlet\/odata\/ProdMgmt\/Parts\('([^']+)'\)\/Uses$/.exec(path);
    const part = this.parts.find((candidate) => partId(candidate.id) === usesMatch?.[1]);
    if (part !== undefined) {
      this.send(response, 200, { '@odata.context': '$metadata#PartUses', value: this.uses(part) });
      return;
    }
    this.send(response, 404, { error: { code: '404', message: `Resource not found for the segment '${path}'` } });
  }

  private sendParts(url: URL, response: ServerResponse): void {
    const filter = url.searchParams.get('$filter');
    const selected = filterParts(this.parts, filter);
    if (selected === undefined) {
      this.send(response, 400, { error: { code: '400', message: `Unsupported filter ${filter}` } });
      return;
    }
    // Uses are expanded only when the request has $expand, because OData returns no navigation property otherwise.
    const expand = this.scenario.expandUses && url.searchParams.has('$expand');
    const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
    const page = selected.slice(skip, skip + this.scenario.pageSize).map((part) => (expand ? { ...partEntity(part), Uses: this.uses(part) } : partEntity(part)));
    const body: Record<string, unknown> = { '@odata.context': '$metadata#Parts(Uses(Uses()))', value: page };
    if (skip + this.scenario.pageSize < selected.length) {
      const next = new URL(url);
      next.searchParams.set('$skiptoken', this.scenario.pagingLoop && skip > 0 ? String(skip) : String(skip + this.scenario.pageSize));
      body['@odata.nextLink'] = next.toString();
    }
    this.send(response, 200, body);
  }

  /** Returns the PartUses of a part, each child part cut to `childProperties` when the scenario sets them. */
  private uses(part: InventedPart): Array<Record<string, unknown>> {
    const childProperties = this.scenario.childProperties;
    const uses = usesEntities(part, this.parts);
    if (childProperties === undefined) {
      return uses;
    }
    return uses.map((use) => {
      const child = use.Uses as Record<string, unknown>;
      return { ...use, Uses: Object.fromEntries(Object.entries(child).filter(([name]) => childProperties.includes(name))) };
    });
  }

  private send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal', 'odata-version': '4.0', ...headers });
    response.end(JSON.stringify(body));
  }
}
