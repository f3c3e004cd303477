import type { OslcUrls } from '../oslc/OslcUrls.js';
import { DT } from '../rdf/namespaces.js';
import { foreignTypeMessage, localLinkViolations } from '../resources/ResourceChecks.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { ShapeValidator, ValidationIssue } from '../shapes/ShapeValidator.js';
import type { TripleStore } from '../store/TripleStore.js';
import { groupByKey } from './IdentityMatching.js';
import type { ImportIssue } from './ImportModel.js';
import type { PlannedResource } from './SyncPlan.js';
import { YIELD_EVERY, type SyncProgress } from './SyncReport.js';

const SH_MAX_LENGTH = 'http://www.w3.org/ns/shacl#MaxLengthConstraintComponent';

/**
 * Checks every resource that an import creates or changes, as the creation factories and PUT check one.
 * The checks are its shape (SHACL), a type that belongs to another shape, and links to resources of this
 * server that do not exist or that the same import removes.
 */
export class PlanValidation {
  public constructor(
    private readonly store: TripleStore,
    private readonly shapes: ShapeRegistry,
    private readonly validator: ShapeValidator,
    private readonly urls: OslcUrls,
  ) {}

  /** Adds an error per problem to `errors`, each named by the resource's label and located in the source. */
  public async validate(plan: ReadonlyMap<string, PlannedResource>, errors: ImportIssue[], progress: (progress: SyncProgress) => void): Promise<void> {
    const written = [...plan.values()].filter((resource) => resource.action === 'create' || resource.action === 'update');
    const exists = async (iri: string): Promise<boolean> => {
      const planned = plan.get(iri);
      if (planned !== undefined) {
        return planned.action !== 'remove';
      }
      return (await this.store.versionOf(iri)) !== undefined;
    };

    // A source id is built from other values, such as part numbers, so its length error only repeats theirs.
    const sourceIdErrors: ImportIssue[] = [];
    const otherErrors = errors.length;
    let done = 0;
    for (const resources of groupByKey(written, (resource) => resource.shape.iri).values()) {
      const shape = resources[0]!.shape;
      for (let start = 0; start < resources.length; start += YIELD_EVERY) {
        const slice = resources.slice(start, start + YIELD_EVERY);
        const results = await this.validator.validateMany(shape, slice.map((resource) => ({ subject: resource.subject, quads: resource.desired! })));
        for (const [index, resource] of slice.entries()) {
          const issues = results[index]!;
          const located = (message: string): ImportIssue => ({ severity: 'error', message: `${resource.label}: ${message}`, ...(resource.location === undefined ? {} : { location: resource.location }) });
          sourceIdErrors.push(...issues.filter(isSourceIdLength).map((issue) => located(issue.message)));

          const messages = issues.filter((issue) => !isSourceIdLength(issue)).map((issue) => issue.message);
          const foreignType = foreignTypeMessage(this.shapes, shape, resource.subject, resource.desired!);
          if (foreignType !== undefined) {
            messages.push(foreignType);
          }
          messages.push(...(await localLinkViolations(this.shapes, this.urls, shape, resource.subject, resource.desired!, exists)).map((violation) => violation.message));
          errors.push(...messages.map(located));
        }
        done += slice.length;
        progress({ phase: 'validate', done, total: written.length });
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (errors.length === otherErrors) {
      errors.push(...sourceIdErrors);
    }
  }
}

/** True for a shape result about a dt:sourceId too long for its shape. */
function isSourceIdLength(issue: ValidationIssue): boolean {
  return issue.path.at(-1) === DT('sourceId') && issue.constraint === SH_MAX_LENGTH;
}
