import type { SourcePart } from '../ImportModel.js';
import { LIFECYCLE_STATES, lifecycleStateNamed, stateKey, unmappedStateMessage } from '../LifecycleStates.js';
import { userValue, type PlmxmlContent, type PlmxmlProblem, type ReleasedElement } from './PlmxmlContent.js';

/** Title of the UserValue in which a Teamcenter export lists a revision's release statuses, separated by commas. */
export const RELEASE_STATUS_LIST = 'release_status_list';

/**
 * Lifecycle states of the release statuses of Teamcenter's default workflows whose names are no lifecycle
 * state label, by `stateKey`. A status named like a label (Released, Obsolete, In Work, Under Review)
 * matches it without an entry here.
 */
const TEAMCENTER_STATUSES: ReadonlyMap<string, string> = new Map([
  ['tcmreleased', 'Released'],
  // Approved for manufacture and use, which is what dt:Released means.
  ['approved', 'Released'],
  // Awaiting approval, as dt:UnderReview.
  ['pending', 'Under Review'],
  ['working', 'In Work'],
]);

/** The status names that TEAMCENTER_STATUSES maps, as written in Teamcenter, for messages. */
const TEAMCENTER_STATUS_NAMES = 'TCM Released, Approved, Pending or Working';

/**
 * Returns the latest release status of a ProductRevision or InstanceGraph Part, or undefined when the file
 * gives it none. In the PLM XML schema (version 6, PLMXMLSchema.xsd) an element's `releaseStatusRefs`
 * names ReleaseStatus elements, and each one's `name` is the status. Teamcenter exports also list the
 * statuses in a `release_status_list` UserValue, which is read when the element names no ReleaseStatus.
 *
 * Of several statuses the last one is taken, because Teamcenter adds a status to the end of a revision's
 * list when a workflow sets it, so the last is the latest.
 * NOTE: that order is assumed from Teamcenter's usual behaviour and is no rule of the schema. The
 * `dateReleased` of ReleaseStatus elements would tell, but it is not compared.
 */
export function releaseStatusOf(element: ReleasedElement, content: PlmxmlContent): string | undefined {
  const named = element.releaseStatusRefs.map((id) => content.releaseStatuses.get(id)?.name?.trim());
  const list = userValue(element, [RELEASE_STATUS_LIST])?.split(',');
  const statuses = (named.length > 0 ? named : (list ?? [])).map((status) => status?.trim()).filter((status): status is string => status !== undefined && status !== '');
  return statuses.at(-1);
}

/** Release statuses that name no lifecycle state, with the parts that get no state because of each. */
interface UnknownStatus {
  /** Parts by source id, as a part described twice is stored once. */
  parts: Map<string, SourcePart>;
  /** The first element with the status, where the warning points. */
  first: ReleasedElement;
}

/** Sets the lifecycle state of parts from their release status, and warns once per status that names none. */
export class ReleaseStatuses {
  private readonly unknown = new Map<string, UnknownStatus>();

  public constructor(private readonly content: PlmxmlContent) {}

  /**
   * Sets the part's `lifecycleState` attribute from the latest release status of `element`: the lifecycle
   * state that the status names, or none for a status that names none or a part without a status. A part
   * whose UserValues already name the lifecycle state, such as `Lifecycle State`, keeps that value.
   */
  public setLifecycleState(part: SourcePart, element: ReleasedElement): void {
    const status = releaseStatusOf(element, this.content);
    const attributes = part.attributes ?? {};
    if (status === undefined || Object.keys(attributes).some((name) => stateKey(name) === 'lifecyclestate')) {
      return;
    }

    // A status that matches no lifecycle state gives none, so a stored part keeps its own (In Work when new).
    const state = lifecycleStateNamed(status, TEAMCENTER_STATUSES);
    if (state !== undefined) {
      part.attributes = { ...attributes, lifecycleState: state };
    } else {
      const unknown = this.unknown.get(status) ?? { parts: new Map<string, SourcePart>(), first: element };
      unknown.parts.set(part.sourceId, part);
      this.unknown.set(status, unknown);
    }
  }

  /** Returns one warning for each release status that names no lifecycle state, naming the parts it affects. */
  public warnings(): PlmxmlProblem[] {
    const states = new Intl.ListFormat('en', { type: 'conjunction' }).format(LIFECYCLE_STATES);
    return [...this.unknown].map(([status, { parts, first }]) => ({
      severity: 'warning',
      message: unmappedStateMessage(`Teamcenter release status "${status}" matches none of the lifecycle states ${states}, nor ${TEAMCENTER_STATUS_NAMES}`, [...parts.values()]),
      line: first.line,
      entity: first.id,
    }));
  }
}
