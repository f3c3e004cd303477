import { DataFactory } from 'n3';
import type { NamedNode, Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { getLogger } from '../logging/Logger.js';
import { compactIri, DCTERMS, OSLC, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import { isComputed, type ResourceShape, type ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { ShapeValidator } from '../shapes/ShapeValidator.js';
import { PreconditionFailedError } from '../store/StoreError.js';
import type { GraphWrite, TripleStore } from '../store/TripleStore.js';
import {
  BadRequestHttpError,
  ConflictHttpError,
  ForbiddenHttpError,
  MethodNotAllowedHttpError,
  NotFoundHttpError,
  PreconditionFailedHttpError,
  ShapeViolationHttpError,
  type ShapeViolation,
} from '../http/HttpError.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import { KeyedMutex } from '../util/KeyedMutex.js';
import { COMPUTED_TYPE_METHODS, computedWriteRejection } from './ComputedResources.js';
import { IdentifierMinter } from './IdentifierMinter.js';
import { normalizeLiterals } from './LiteralNormalizer.js';
import { foreignTypeMessage, localLinkViolations } from './ResourceChecks.js';
import { termKey } from '../rdf/TermKey.js';

const { namedNode, literal, quad } = DataFactory;

/** Attempts at a write whose only failed precondition was on a graph the client did not name. */
const MAX_ATTEMPTS = 8;

/** The resources the writing user may read, under export control. */
export interface ReadCheck {
  canRead(iri: string): boolean;
}

/** Every resource is readable: writes by fully cleared users and by the server itself. */
const READ_ALL: ReadCheck = { canRead: () => true };

export interface CreateRequest {
  provider: string;
  shape: ResourceTypeShape;
  /** The request body, parsed with `temporaryIri` as base, so `<>` is `temporaryIri`. */
  quads: Quad[];
  temporaryIri: string;
  /** IRI of the authenticated user, recorded as dcterms:creator. */
  creator?: string;
  /** Links may reach only readable resources; default all. */
  scope?: ReadCheck;
}

export interface ReplaceRequest {
  iri: string;
  shape: ResourceTypeShape;
  /** The request body, parsed with the resource IRI as base. */
  quads: Quad[];
  /** The version from If-Match. */
  expectedVersion: string;
  /** New links may reach only readable resources; default all. */
  scope?: ReadCheck;
}

export interface DeleteRequest {
  iri: string;
  shape: ResourceTypeShape;
  /** The version from If-Match, when the client sent one. */
  expectedVersion?: string;
  /** Read scope of the deleting user, so that conflicts name only readable resources. Defaults to everything. */
  scope?: ReadCheck;
}

export interface WriteResult {
  iri: string;
  version: string;
}

/**
 * Creates, replaces and deletes OSLC resources. Every write goes through the same steps, all driven by
 * the resource's shape. The server sets the server-managed properties (`oslc:readOnly`), and clients
 * cannot change them. Numeric literals get the declared datatype, and the result must conform to the
 * shape (SHACL). Links to this server's resources must point at existing resources of the declared
 * range. Links the shape marks with `dt:inverseProperty` are mirrored on their targets in the same
 * atomic commit.
 */
export class ResourceService {
  private readonly logger = getLogger('ResourceService');
  private readonly minter: IdentifierMinter;
  /** Creations of one type in one provider take turns, so they never race for the same identifier. */
  private readonly creations = new KeyedMutex();

  public constructor(
    private readonly store: TripleStore,
    private readonly shapes: ShapeRegistry,
    private readonly validator: ShapeValidator,
    private readonly urls: OslcUrls,
  ) {
    this.minter = new IdentifierMinter(store);
  }

  /** Creates a resource for a client. Computed types (`dt:computedBy`) are rejected with 405. */
  public async create(request: CreateRequest): Promise<WriteResult> {
    const { shape } = request;
    if (isComputed(shape)) {
      throw computedWriteRejection(this.urls, request.provider, shape, 'POST', this.urls.factory(request.provider, shape.pathSegment));
    }
    return this.createResource(request);
  }

  /**
   * Creates a resource of a computed type (`dt:computedBy`) from content that the server itself
   * computed, such as a traceability report. Callers must never pass a client's request body here,
   * because client writes go through `create`, which rejects computed types.
   */
  public async createComputed(request: CreateRequest): Promise<WriteResult> {
    if (!isComputed(request.shape)) {
      throw new Error(`createComputed is only for computed types, and ${request.shape.name} has no dt:computedBy; use create.`);
    }
    return this.createResource(request);
  }

  private async createResource(request: CreateRequest): Promise<WriteResult> {
    const { shape } = request;
    const draftSubject = this.findNewSubject(request.quads, request.temporaryIri);
    this.rejectReadOnlyValues(shape, request.quads, draftSubject);
    return this.creations.run(`${request.provider} ${shape.pathSegment}`, () => this.createInTurn(request, draftSubject));
  }

  /**
   * Mints the identifier and commits. The commit's preconditions still guard the sequence, for stores
   * shared with other processes; a failed precondition there means another writer won, so try again.
   */
  private async createInTurn(request: CreateRequest, draftSubject: Quad_Subject): Promise<WriteResult> {
    const { shape } = request;
    const providerIri = this.urls.provider(request.provider);

    for (let attempt = 1; ; attempt++) {
      const minted = await this.minter.next(request.provider, providerIri, shape);
      const iri = this.urls.resource({ provider: request.provider, segment: shape.pathSegment, identifier: minted.identifier });
      const subject = namedNode(iri);
      const now = nowLiteral();

      let quads = rebase(request.quads, draftSubject, request.temporaryIri, iri);
      quads = quads.filter((candidate) => !(candidate.subject.equals(subject) && candidate.predicate.value === RDF_TYPE && shape.describes.includes(candidate.object.value)));
      for (const type of shape.describes) {
        quads.push(quad(subject, namedNode(RDF_TYPE), namedNode(type)));
      }
      quads.push(
        quad(subject, namedNode(DCTERMS('identifier')), literal(minted.identifier)),
        quad(subject, namedNode(DCTERMS('created')), now),
        quad(subject, namedNode(DCTERMS('modified')), now),
        quad(subject, namedNode(OSLC('serviceProvider')), namedNode(providerIri)),
        quad(subject, namedNode(OSLC('instanceShape')), namedNode(shape.iri)),
      );
      if (request.creator !== undefined) {
        quads.push(quad(subject, namedNode(DCTERMS('creator')), namedNode(request.creator)));
      }

      const scope = request.scope ?? READ_ALL;
      quads = await this.checkContent(shape, subject, quads, (target) => scope.canRead(target));
      const inverseWrites = await this.inverseLinkWrites(shape, subject, [], quads, now, scope);
      const writes: GraphWrite[] = [{ graph: iri, quads, expectedVersion: null }, minted.sequenceWrite, ...inverseWrites];

      try {
        const result = await this.store.commit(writes);
        this.logger.info('Created resource', { iri, type: shape.name });
        return { iri, version: result.versions.get(iri)! };
      } catch (error) {
        if (error instanceof PreconditionFailedError && attempt < MAX_ATTEMPTS) {
          this.logger.debug('Retrying a creation after a concurrent change', { graph: error.graph, attempt });
          continue;
        }
        throw error;
      }
    }
  }

  /** Replaces a resource for a client. Computed types (`dt:computedBy`) are rejected with 405. */
  public async replace(request: ReplaceRequest): Promise<WriteResult> {
    const { shape, iri } = request;
    this.rejectClientWrite(shape, iri, 'PUT');
    const subject = namedNode(iri);

    for (let attempt = 1; ; attempt++) {
      const [current, version] = await Promise.all([this.store.readQuads(iri), this.store.versionOf(iri)]);
      if (current === undefined || version === undefined) {
        throw new NotFoundHttpError(`No resource exists at ${iri}; create resources by POST to their creation factory.`);
      }
      if (version !== request.expectedVersion) {
        throw new PreconditionFailedHttpError(staleMessage(iri));
      }

      this.checkSubjects(request.quads, iri);
      const now = nowLiteral();
      let quads = this.keepServerManagedValues(shape, subject, current, request.quads, now);
      // Links the resource already has may stay, even to resources the user may not read: they are part of what the user reads.
      const scope = request.scope ?? READ_ALL;
      const linked = new Set(current.filter((candidate) => candidate.subject.equals(subject) && candidate.object.termType === 'NamedNode').map((candidate) => candidate.object.value));
      quads = await this.checkContent(shape, subject, quads, (target) => linked.has(target) || scope.canRead(target));
      const inverseWrites = await this.inverseLinkWrites(shape, subject, current, quads, now, scope);

      try {
        const result = await this.store.commit([{ graph: iri, quads, expectedVersion: request.expectedVersion }, ...inverseWrites]);
        this.logger.info('Replaced resource', { iri, type: shape.name });
        return { iri, version: result.versions.get(iri)! };
      } catch (error) {
        if (error instanceof PreconditionFailedError) {
          if (error.graph === iri) {
            throw new PreconditionFailedHttpError(staleMessage(iri));
          }
          if (attempt < MAX_ATTEMPTS) {
            continue;
          }
        }
        throw error;
      }
    }
  }

  /** Deletes a resource for a client. Computed types (`dt:computedBy`) are rejected with 405. */
  public async delete(request: DeleteRequest): Promise<void> {
    const { shape, iri } = request;
    this.rejectClientWrite(shape, iri, 'DELETE');
    const subject = namedNode(iri);

    for (let attempt = 1; ; attempt++) {
      const [current, version] = await Promise.all([this.store.readQuads(iri), this.store.versionOf(iri)]);
      if (current === undefined || version === undefined) {
        throw new NotFoundHttpError(`No resource exists at ${iri}.`);
      }
      if (request.expectedVersion !== undefined && version !== request.expectedVersion) {
        throw new PreconditionFailedHttpError(staleMessage(iri));
      }
      this.rejectDeleteWhileLinked(shape, subject, current);
      await this.rejectDeleteWhileReferenced(shape, iri, request.scope ?? READ_ALL);

      const now = nowLiteral();
      const inverseWrites = await this.inverseLinkWrites(shape, subject, current, [], now, request.scope ?? READ_ALL);
      const location = this.urls.parseResource(iri);
      const sequenceWrite = location === undefined ? undefined : await this.minter.recordDeletion(location.provider, this.urls.provider(location.provider), shape, location.identifier);
      try {
        await this.store.commit([{ graph: iri, quads: null, expectedVersion: version }, ...inverseWrites, ...(sequenceWrite === undefined ? [] : [sequenceWrite])]);
        this.logger.info('Deleted resource', { iri, type: shape.name });
        return;
      } catch (error) {
        if (error instanceof PreconditionFailedError) {
          if (error.graph === iri && request.expectedVersion !== undefined) {
            throw new PreconditionFailedHttpError(staleMessage(iri));
          }
          if (attempt < MAX_ATTEMPTS) {
            continue;
          }
        }
        throw error;
      }
    }
  }

  private rejectClientWrite(shape: ResourceTypeShape, iri: string, method: string): void {
    if (!isComputed(shape)) {
      return;
    }
    const location = this.urls.parseResource(iri);
    if (location === undefined) {
      throw new MethodNotAllowedHttpError(method, COMPUTED_TYPE_METHODS, `Method ${method} is not allowed on ${iri}. ${shape.title} resources are computed by the server, and clients cannot write them.`);
    }
    throw computedWriteRejection(this.urls, location.provider, shape, method, iri);
  }

  /**
   * Returns the subject that stands for the new resource: `<>` (the temporary base IRI) when the body
   * uses it, otherwise the body's only top-level subject (LDP allows any subject in a POST body). Other
   * top-level subjects would land in the new resource's graph, so they are rejected. Hash IRIs under
   * the new resource (`<#detail>`) belong to it and are allowed.
   */
  private findNewSubject(quads: readonly Quad[], temporaryIri: string): Quad_Subject {
    if (quads.length === 0) {
      throw new BadRequestHttpError('The request body has no triples; describe the new resource with <> as its subject.');
    }
    const objects = new Set(quads.filter((candidate) => candidate.object.termType === 'BlankNode').map((candidate) => candidate.object.value));
    const topLevel = new Map<string, Quad_Subject>();
    for (const candidate of quads) {
      if (candidate.subject.termType === 'BlankNode' && objects.has(candidate.subject.value)) {
        continue;
      }
      if (candidate.subject.termType === 'NamedNode' && candidate.subject.value.startsWith(`${temporaryIri}#`)) {
        continue;
      }
      topLevel.set(termKey(candidate.subject), candidate.subject);
    }

    const temporary = topLevel.get(temporaryIri);
    const others = [...topLevel.keys()].filter((key) => key !== temporaryIri);
    if (temporary !== undefined && others.length === 0) {
      return temporary;
    }
    if (temporary === undefined && topLevel.size === 1) {
      return [...topLevel.values()][0]!;
    }
    const named = others.slice(0, 3).map((key) => (key.startsWith('_:') ? 'a blank node' : `<${key}>`)).join(', ');
    const described = temporary === undefined ? `describes ${topLevel.size} resources (${named})` : `also describes ${named}`;
    throw new BadRequestHttpError(
      `The request body ${described}; describe only the new resource, with <> (the null relative IRI) as its subject, and create other resources with their own requests.`,
    );
  }

  /**
   * PUT bodies must describe the resource itself; other top-level subjects are another resource's business.
   * Inline resources stay: blank nodes that the resource links to, and IRIs `<iri>#…` in its own graph,
   * such as the source attributes of an imported requirement, which a GET returns and a PUT sends back.
   */
  private checkSubjects(quads: readonly Quad[], iri: string): void {
    const objects = new Set(quads.filter((candidate) => candidate.object.termType === 'BlankNode').map((candidate) => candidate.object.value));
    const inline = `${iri}#`;
    const others = new Set<string>();
    let mentionsSelf = false;
    for (const candidate of quads) {
      const { subject } = candidate;
      if (subject.termType === 'NamedNode' && subject.value === iri) {
        mentionsSelf = true;
      } else if (!(subject.termType === 'BlankNode' && objects.has(subject.value)) && !(subject.termType === 'NamedNode' && subject.value.startsWith(inline))) {
        others.add(termKey(subject));
      }
    }
    if (!mentionsSelf) {
      const described = others.size > 0 ? [...others].slice(0, 3).join(', ') : 'no subject';
      throw new BadRequestHttpError(`The request body describes ${described}, not <${iri}>; a PUT body must describe the resource at the request URL.`);
    }
    if (others.size > 0) {
      throw new BadRequestHttpError(
        `The request body also describes ${[...others].slice(0, 3).join(', ')}; a PUT body describes only the resource at the request URL <${iri}> and its inline resources (<${iri}#…>).`,
      );
    }
  }

  private rejectReadOnlyValues(shape: ResourceShape, quads: readonly Quad[], subject: Quad_Subject): void {
    for (const property of shape.properties) {
      if (property.readOnly && quads.some((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === property.propertyDefinition)) {
        throw new ConflictHttpError(
          `${compactIri(property.propertyDefinition)} (${property.title}) is set by the server; remove it from the request body.`,
          { constrainedBy: shape.iri },
        );
      }
    }
  }

  /**
   * Applies PUT rules for read-only properties. A body may omit them or repeat their current values,
   * and the server keeps the current values. Any other value is a 409 Conflict. `dcterms:modified`
   * becomes the time of this change.
   */
  private keepServerManagedValues(shape: ResourceShape, subject: NamedNode, current: readonly Quad[], body: readonly Quad[], now: Quad_Object): Quad[] {
    const readOnly = shape.properties.filter((property) => property.readOnly);
    const readOnlyDefinitions = new Set(readOnly.map((property) => property.propertyDefinition));

    for (const property of readOnly) {
      if (property.propertyDefinition === DCTERMS('modified')) {
        continue;
      }
      const sent = valuesOf(body, subject, property.propertyDefinition);
      if (sent.size === 0) {
        continue;
      }
      const stored = valuesOf(current, subject, property.propertyDefinition);
      if (sent.size !== stored.size || [...sent].some((value) => ![...stored].some((storedValue) => sameValue(value, storedValue)))) {
        throw new ConflictHttpError(
          `${compactIri(property.propertyDefinition)} (${property.title}) is set by the server and cannot be changed; send its current value or leave it out.`,
          { constrainedBy: shape.iri },
        );
      }
    }

    const quads = body.filter((candidate) => !(candidate.subject.equals(subject) && readOnlyDefinitions.has(candidate.predicate.value)));
    for (const candidate of current) {
      if (candidate.subject.equals(subject) && readOnlyDefinitions.has(candidate.predicate.value) && candidate.predicate.value !== DCTERMS('modified')) {
        quads.push(candidate);
      }
    }
    quads.push(quad(subject, namedNode(DCTERMS('modified')), now));
    const types = new Set(quads.filter((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === RDF_TYPE).map((candidate) => candidate.object.value));
    for (const type of shape.describes) {
      if (!types.has(type)) {
        quads.push(quad(subject, namedNode(RDF_TYPE), namedNode(type)));
      }
    }
    return quads;
  }

  /** Normalizes, validates against the shape and checks local links; throws 400 with every problem found. */
  private async checkContent(shape: ResourceShape, subject: NamedNode, quads: Quad[], mayLink: (target: string) => boolean): Promise<Quad[]> {
    const foreignType = foreignTypeMessage(this.shapes, shape, subject, quads);
    if (foreignType !== undefined) {
      throw new BadRequestHttpError(foreignType, { constrainedBy: shape.iri });
    }
    const normalized = normalizeLiterals(quads, subject.value, shape, this.shapes);
    const violations: ShapeViolation[] = (await this.validator.validate(shape, subject, normalized)).map((issue) => ({
      ...(issue.path[0] === undefined ? {} : { property: issue.path[0] }),
      ...(issue.constraint === undefined ? {} : { constraint: issue.constraint }),
      message: issue.message,
    }));
    // A target the user may not read is reported like a missing one, so the message reveals nothing of it.
    const exists = async (iri: string): Promise<boolean> => (await this.store.versionOf(iri)) !== undefined && mayLink(iri);
    violations.push(...(await localLinkViolations(this.shapes, this.urls, shape, subject, normalized, exists)));
    if (violations.length > 0) {
      const messages = violations.map((violation) => violation.message);
      const numbered = messages.length === 1 ? messages[0]! : messages.map((message, index) => `(${index + 1}) ${message}`).join(' ');
      throw new ShapeViolationHttpError(`The ${shape.title} does not conform to its shape <${shape.iri}>: ${numbered}`, violations, { constrainedBy: shape.iri });
    }
    return normalized;
  }

  /**
   * Computes the writes that keep `dt:inverseProperty` links on target resources in step with the
   * resource's new state: targets it no longer links lose the link back, new targets gain it. A target
   * the user may not read cannot be changed this way, because writing controlled data needs clearance.
   */
  private async inverseLinkWrites(
    shape: ResourceShape,
    subject: NamedNode,
    before: readonly Quad[],
    after: readonly Quad[],
    now: Quad_Object,
    scope: ReadCheck,
  ): Promise<GraphWrite[]> {
    const changes = new Map<string, { add: string[]; remove: string[] }>();
    for (const property of shape.properties) {
      if (property.inverseProperty === undefined) {
        continue;
      }
      const old = valuesOf(before, subject, property.propertyDefinition);
      const current = valuesOf(after, subject, property.propertyDefinition);
      for (const target of current) {
        if (!old.has(target) && isIriKey(target)) {
          entry(changes, target).add.push(property.inverseProperty);
        }
      }
      for (const target of old) {
        if (!current.has(target) && isIriKey(target)) {
          entry(changes, target).remove.push(property.inverseProperty);
        }
      }
    }

    const writes: GraphWrite[] = [];
    for (const [target, change] of changes) {
      if (!scope.canRead(target)) {
        throw new ForbiddenHttpError(
          `This change adds or removes a link to <${target}>, and the server keeps the link back on that resource, which your export-control clearance does not cover; ask a cleared user to make the change.`,
        );
      }
      const [quads, version] = await Promise.all([this.store.readQuads(target), this.store.versionOf(target)]);
      if (quads === undefined || version === undefined) {
        // A removed link to a resource that no longer exists needs no update.
        continue;
      }
      const targetNode = namedNode(target);
      let updated = quads.filter(
        (candidate) =>
          !(candidate.subject.equals(targetNode) && change.remove.includes(candidate.predicate.value) && candidate.object.equals(subject)) &&
          !(candidate.subject.equals(targetNode) && candidate.predicate.value === DCTERMS('modified')),
      );
      for (const predicate of change.add) {
        updated.push(quad(targetNode, namedNode(predicate), subject));
      }
      updated.push(quad(targetNode, namedNode(DCTERMS('modified')), now));
      updated = dedupe(updated);
      writes.push({ graph: target, quads: updated, expectedVersion: version });
    }
    return writes;
  }

  /**
   * Rejects deleting a resource that other resources of this server link to, because the links would
   * dangle and every later write of those resources would fail link checking. Links maintained as inverses
   * of the resource's own links (an assembly's composedOfPartUsage back to its lines) do not count,
   * because deleting the resource removes them.
   */
  private async rejectDeleteWhileReferenced(shape: ResourceShape, iri: string, scope: ReadCheck): Promise<void> {
    const inverseOnTargets = new Set(shape.properties.map((property) => property.inverseProperty).filter((value): value is string => value !== undefined));
    const result = await this.store.query(`SELECT DISTINCT ?g ?p WHERE { GRAPH ?g { ?s ?p <${iri}> } FILTER(?g != <${iri}>) } LIMIT 20`);
    if (result.type !== 'bindings') {
      return;
    }
    const linking = result.rows.filter((row) => !inverseOnTargets.has(row.get('p')!.value) && this.urls.parseResource(row.get('g')!.value) !== undefined);
    const referrers = linking.filter((row) => scope.canRead(row.get('g')!.value)).map((row) => `${row.get('g')!.value} (${compactIri(row.get('p')!.value)})`);
    if (referrers.length === 0 && linking.length > 0) {
      throw new ConflictHttpError(`${iri} is still linked from resources outside your export-control clearance; ask a cleared user to remove those links first.`);
    }
    if (referrers.length > 0) {
      throw new ConflictHttpError(
        `${iri} is still linked from ${referrers.slice(0, 5).join(', ')}${referrers.length > 5 ? ', ...' : ''}; remove those links or delete those resources first.`,
      );
    }
  }

  /** Rejects deleting a resource that still has server-maintained inverse links from other resources. */
  private rejectDeleteWhileLinked(shape: ResourceShape, subject: NamedNode, current: readonly Quad[]): void {
    const maintained = new Set(
      this.shapes.all().flatMap((other) => other.properties.map((property) => property.inverseProperty).filter((value): value is string => value !== undefined)),
    );
    for (const property of shape.properties) {
      if (!maintained.has(property.propertyDefinition)) {
        continue;
      }
      const linked = [...valuesOf(current, subject, property.propertyDefinition)];
      if (linked.length > 0) {
        throw new ConflictHttpError(
          `${subject.value} still has ${compactIri(property.propertyDefinition)} (${property.title}) links to ${linked.slice(0, 5).join(', ')}${linked.length > 5 ? ', ...' : ''}; delete or move those resources first.`,
        );
      }
    }
  }
}

/** Returns whether two term keys denote the same value, so dates written with another offset or precision still match. */
function sameValue(a: string, b: string): boolean {
  if (a === b) {
    return true;
  }
  const dateTime = `^^${XSD('dateTime')}`;
  if (a.endsWith(dateTime) && b.endsWith(dateTime)) {
    const time = (key: string): number => Date.parse(key.slice(1, key.indexOf('"@')));
    return !Number.isNaN(time(a)) && time(a) === time(b);
  }
  return false;
}

/** Replaces the draft subject and every IRI under the temporary base with the minted IRI. */
function rebase(quads: readonly Quad[], draftSubject: Quad_Subject, temporaryIri: string, iri: string): Quad[] {
  const newSubject = namedNode(iri);
  const map = <T extends Term>(term: T): T | NamedNode => {
    if (term.equals(draftSubject)) {
      return newSubject;
    }
    if (term.termType === 'NamedNode' && term.value.startsWith(temporaryIri)) {
      return namedNode(iri + term.value.slice(temporaryIri.length));
    }
    return term;
  };
  return quads.map((candidate) => quad(map(candidate.subject) as Quad_Subject, candidate.predicate, map(candidate.object) as Quad_Object));
}

function valuesOf(quads: readonly Quad[], subject: Term, predicate: string): Set<string> {
  const values = new Set<string>();
  for (const candidate of quads) {
    if (candidate.subject.equals(subject) && candidate.predicate.value === predicate) {
      values.add(termKey(candidate.object));
    }
  }
  return values;
}

function isIriKey(key: string): boolean {
  return !key.startsWith('_:') && !key.startsWith('"');
}

function entry(changes: Map<string, { add: string[]; remove: string[] }>, target: string): { add: string[]; remove: string[] } {
  let change = changes.get(target);
  if (change === undefined) {
    change = { add: [], remove: [] };
    changes.set(target, change);
  }
  return change;
}

function dedupe(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((candidate) => {
    const key = `${termKey(candidate.subject)} ${candidate.predicate.value} ${termKey(candidate.object)}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function nowLiteral(): Quad_Object {
  return literal(new Date().toISOString(), namedNode(XSD('dateTime')));
}

function staleMessage(iri: string): string {
  return `The resource ${iri} changed since the ETag in If-Match was issued; GET it again, reapply your change and send the new ETag.`;
}
