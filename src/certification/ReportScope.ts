/**
 * What a report may show. Every analysis, report, export and package function takes a scope and
 * leaves out the resources it hides: from rows, counts, chains and gap lists. Authorization (export
 * control clearances, programme membership) plugs in here without touching the analysis.
 */
export interface ReportScope {
  /** Returns whether the viewer may see the resource (or objective) with this IRI. */
  visible(resourceIri: string): boolean;
}

/** The scope that hides nothing, used where no authorization applies (the command line, tests). */
export const ALLOW_ALL: ReportScope = { visible: () => true };
