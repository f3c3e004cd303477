import type { ApiKeyStore } from '../auth/ApiKeyStore.js';
import type { AuditLog } from '../audit/AuditLog.js';
import type { MarkingIndex } from '../auth/MarkingIndex.js';
import type { OidcDiscovery } from '../auth/oidc/OidcDiscovery.js';
import type { OidcLogin } from '../auth/oidc/OidcLogin.js';
import type { BoundedSessionStore } from '../auth/SessionStore.js';
import type { ReadLevelExecutors } from '../auth/ReadLevelExecutors.js';
import type { ReadScopes } from '../auth/ReadScope.js';
import type { RequestAuthenticator } from '../auth/RequestAuthenticator.js';
import type { RolePolicy } from '../auth/RolePolicy.js';
import type { ServerConfig } from '../config/ServerConfig.js';
import type { ImportJobs } from '../import/ImportJobs.js';
import type { QueryExecutor } from '../sparql/QueryExecutor.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import type { ServiceProviderRegistry } from '../oslc/ServiceProviderRegistry.js';
import type { QueryService } from '../query/QueryService.js';
import type { SearchIndex } from '../query/SearchIndex.js';
import type { IncomingLinks } from '../resources/IncomingLinks.js';
import type { ResourceService } from '../resources/ResourceService.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { TripleStore } from '../store/TripleStore.js';
import type { Vocabulary } from '../vocab/Vocabulary.js';
import type { FramePolicy } from './FramePolicy.js';
import type { HtmlRenderer } from './html/HtmlRenderer.js';
import type { RdfResponder } from './RdfResponder.js';
import type { ResourceRepresentations } from './ResourceRepresentations.js';

/** The services request handlers use, created once at start-up. */
export interface ServerContext {
  config: ServerConfig;
  urls: OslcUrls;
  store: TripleStore;
  shapes: ShapeRegistry;
  vocabulary: Vocabulary;
  providers: ServiceProviderRegistry;
  resources: ResourceService;
  /** Reads the resources that link to a resource, for its HTML page. */
  incomingLinks: IncomingLinks;
  search: SearchIndex;
  queries: QueryService;
  responder: RdfResponder;
  renderer: HtmlRenderer;
  representations: ResourceRepresentations;
  /** Runs SPARQL endpoint queries where they can be stopped. */
  sparql: QueryExecutor;
  apiKeys: ApiKeyStore;
  /** Authentication and authorization. */
  auth: AuthServices;
  /** The tamper-evident record of every data transfer. */
  audit: AuditLog;
  /** Which origins may frame dialogs and previews and receive dialog results. */
  framing: FramePolicy;
  /** Import jobs submitted over HTTP, run one at a time. */
  imports: ImportJobs;
}

/** Principal a request acts for, with its permissions. */
export interface AuthServices {
  policy: RolePolicy;
  authenticator: RequestAuthenticator;
  /** Export-control markings of the stored graphs. */
  markings: MarkingIndex;
  /** The read scope of each export-control level. */
  scopes: ReadScopes;
  /** SPARQL executors over replicas filtered per level. */
  executors: ReadLevelExecutors;
  /** URL of the OpenID Connect login, when an identity provider is configured. */
  loginUrl?: string;
  /** Browser login, when an identity provider is configured. */
  oidc?: OidcLogin;
  /** The identity provider's metadata and keys, when one is configured. */
  discovery?: OidcDiscovery;
  /** Browser sessions, when an identity provider is configured. */
  sessionStore?: BoundedSessionStore;
  /** Signs session cookies; random per process, since sessions live in memory only. */
  sessionSecret: string;
}
