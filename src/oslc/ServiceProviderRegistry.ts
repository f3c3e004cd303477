import type { Quad } from '@rdfjs/types';
import { getLogger, errorMessage } from '../logging/Logger.js';
import { DCTERMS, OSLC, RDF_TYPE } from '../rdf/namespaces.js';
import type { TripleStore } from '../store/TripleStore.js';
import type { OslcUrls } from './OslcUrls.js';

/** A programme, published as an OSLC service provider. */
export interface ServiceProviderRecord {
  id: string;
  iri: string;
  title: string;
  description?: string;
  /** The provider's stored graph: title, description, publisher and whatever else the programme states. */
  quads: Quad[];
  version: string;
}

/**
 * The service providers, read from their graphs in the store (graph IRI = `oslc/sp/{id}`, typed
 * `oslc:ServiceProvider`) and kept current through the store's change events.
 */
export class ServiceProviderRegistry {
  private readonly logger = getLogger('ServiceProviderRegistry');
  private readonly providers = new Map<string, ServiceProviderRecord>();

  public constructor(
    private readonly store: TripleStore,
    private readonly urls: OslcUrls,
  ) {}

  /** Reads every provider graph and subscribes to changes. */
  public async load(): Promise<void> {
    for (const graph of await this.store.graphs()) {
      const id = this.urls.parseProvider(graph);
      if (id !== undefined) {
        await this.refresh(id);
      }
    }
    this.store.onChange((events) => {
      for (const event of events) {
        const id = this.urls.parseProvider(event.graph);
        if (id !== undefined) {
          this.refresh(id).catch((error: unknown) => {
            this.logger.error('Could not reload a service provider after a change', { provider: id, error: errorMessage(error) });
          });
        }
      }
    });
    this.logger.info('Loaded service providers', { providers: [...this.providers.keys()] });
  }

  /** Providers ordered by id. */
  public list(): ServiceProviderRecord[] {
    return [...this.providers.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  public get(id: string): ServiceProviderRecord | undefined {
    return this.providers.get(id);
  }

  private async refresh(id: string): Promise<void> {
    const iri = this.urls.provider(id);
    const [quads, version] = await Promise.all([this.store.readQuads(iri), this.store.versionOf(iri)]);
    const isProvider = quads?.some((quad) => quad.subject.value === iri && quad.predicate.value === RDF_TYPE && quad.object.value === OSLC('ServiceProvider'));
    if (quads === undefined || version === undefined || isProvider !== true) {
      this.providers.delete(id);
      return;
    }
    const about = (predicate: string): string | undefined =>
      quads.find((quad) => quad.subject.value === iri && quad.predicate.value === predicate && quad.object.termType === 'Literal')?.object.value;
    const record: ServiceProviderRecord = { id, iri, title: about(DCTERMS('title')) ?? id, quads, version };
    const description = about(DCTERMS('description'));
    if (description !== undefined) {
      record.description = description;
    }
    this.providers.set(id, record);
  }
}
