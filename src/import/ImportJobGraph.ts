import { DataFactory } from 'n3';
import type { BlankNode, Literal, NamedNode, Quad, Quad_Object } from '@rdfjs/types';
import { DCTERMS, DT, FOAF, OSLC, OSLC_PLM, OSLC_RM, PROV, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import { bomViewIri } from './BomViews.js';
import { formatIssue } from './ImportErrors.js';
import { changeCountOf, type ImportJob } from './ImportJobs.js';
import type { ImportIssue } from './ImportModel.js';
import type { ImportedType } from './SyncPlan.js';
import { DETAILED_CHANGES, type ReportedChange, type SyncReport } from './SyncReport.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

const CLASSES: Record<ImportedType, string> = {
  parts: OSLC_PLM('Part'),
  bomLines: OSLC_PLM('PartUsage'),
  requirements: OSLC_RM('Requirement'),
  requirementCollections: OSLC_RM('RequirementCollection'),
};

/** Adds one statement about the job. */
export type AddStatement = (predicate: string, object: Quad_Object) => void;

export function integer(value: number): Quad_Object {
  return literal(String(Math.round(value)), namedNode(XSD('integer')));
}

function boolean(value: boolean): Quad_Object {
  return literal(String(value), namedNode(XSD('boolean')));
}

/** Describes an import job in RDF, as a dt:ImportJob (a prov:Activity) with its progress and report. */
export function importJobQuads(job: ImportJob, iri: string, providerIri: string): Quad[] {
  const quads: Quad[] = [];
  const add = addJobFacts(job, iri, providerIri, quads);

  if (job.report !== undefined) {
    addReport(job.report, changeCountOf(job), add, quads);
  }
  if (job.error !== undefined) {
    add(OSLC('message'), literal(job.error.message));
    for (const issue of job.error.issues ?? []) {
      add(DT('issueMessage'), literal(`${issue.severity}: ${formatIssue(issue)}`));
      add(DT('importIssue'), issueNode(issue, quads));
    }
  }
  return quads;
}

/**
 * Adds the job's types, options, submitter and progress, without its report, and returns the function
 * that adds further statements about the job. The job list uses it for each job.
 */
export function addJobFacts(job: ImportJob, iri: string, providerIri: string, quads: Quad[]): AddStatement {
  const subject = namedNode(iri);
  const add: AddStatement = (predicate, object) => {
    quads.push(quad(subject, namedNode(predicate), object));
  };
  const dateTime = (value: string): Quad_Object => literal(value, namedNode(XSD('dateTime')));

  add(RDF_TYPE, namedNode(DT('ImportJob')));
  add(RDF_TYPE, namedNode(PROV('Activity')));
  add(DCTERMS('identifier'), literal(job.id));
  add(DT('jobState'), literal(job.state));
  add(DT('importFormat'), literal(job.format));
  add(DCTERMS('source'), literal(job.source));
  add(OSLC('serviceProvider'), namedNode(providerIri));
  add(DT('dryRun'), boolean(job.dryRun));
  add(DT('removeMissing'), boolean(job.removeMissing));
  if (job.defaultBomView !== undefined) {
    add(DT('defaultBomView'), namedNode(bomViewIri(job.defaultBomView)));
  }
  if (job.submittedBy !== undefined) {
    add(PROV('wasAssociatedWith'), agentNode(job.submittedBy, quads));
  }
  add(DCTERMS('created'), dateTime(job.submitted));
  if (job.started !== undefined) {
    add(PROV('startedAtTime'), dateTime(job.started));
  }
  if (job.finished !== undefined) {
    add(PROV('endedAtTime'), dateTime(job.finished));
  }
  add(DT('progressPhase'), literal(job.progress.phase));
  add(DT('progressDone'), integer(job.progress.done));
  if (job.progress.total !== undefined) {
    add(DT('progressTotal'), integer(job.progress.total));
  }
  return add;
}

/**
 * Returns a prov:Agent node for the submitter, adding its statements to `quads`. The job keeps only the
 * name of the API key or user, never the key, so the agent is a blank node with that name as foaf:name.
 */
function agentNode(name: string, quads: Quad[]): BlankNode {
  const node = blankNode();
  quads.push(quad(node, namedNode(RDF_TYPE), namedNode(PROV('Agent'))), quad(node, namedNode(FOAF('name')), literal(name)));
  return node;
}

/**
 * Adds the counts per resource type, the first DETAILED_CHANGES changes, as the JSON form lists them, and
 * the warnings. `changeCount` is the number of all changes, which a job loaded from its file no longer lists.
 */
function addReport(report: SyncReport, changeCount: number, add: AddStatement, quads: Quad[]): void {
  addCounts(report, add, quads);

  const listed = report.changes.slice(0, DETAILED_CHANGES);
  for (const change of listed) {
    add(DT('importChange'), changeNode(change, quads));
    // PROV-O relates an activity to what it generated or invalidated, and a dry run did neither.
    if (!report.dryRun && change.action === 'create') {
      add(PROV('generated'), namedNode(change.iri));
    }
    if (!report.dryRun && change.action === 'remove') {
      add(PROV('invalidated'), namedNode(change.iri));
    }
  }
  if (changeCount > listed.length) {
    add(DT('changesNotListed'), integer(changeCount - listed.length));
  }

  for (const warning of report.warnings) {
    add(DT('issueMessage'), literal(formatIssue(warning)));
    add(DT('importIssue'), issueNode(warning, quads));
  }
}

/** Adds a dt:importResult node per resource type, with the created, updated, unchanged and removed counts. */
export function addCounts(report: SyncReport, add: AddStatement, quads: Quad[]): void {
  for (const [type, counts] of Object.entries(report.counts) as [ImportedType, (typeof report.counts)[ImportedType]][]) {
    const result = blankNode();
    add(DT('importResult'), result);
    quads.push(
      quad(result, namedNode(DT('resourceType')), namedNode(CLASSES[type])),
      quad(result, namedNode(DT('createdCount')), integer(counts.created)),
      quad(result, namedNode(DT('updatedCount')), integer(counts.updated)),
      quad(result, namedNode(DT('unchangedCount')), integer(counts.unchanged)),
      quad(result, namedNode(DT('removedCount')), integer(counts.removed)),
    );
  }
}

/** Returns a dt:ImportChange node for one change, adding its statements to `quads`. */
function changeNode(change: ReportedChange, quads: Quad[]): BlankNode {
  const node = blankNode();
  quads.push(
    quad(node, namedNode(RDF_TYPE), namedNode(DT('ImportChange'))),
    quad(node, namedNode(DT('action')), literal(change.action)),
    quad(node, namedNode(DT('changedResource')), namedNode(change.iri)),
    quad(node, namedNode(DT('resourceType')), namedNode(CLASSES[change.type])),
    quad(node, namedNode(DCTERMS('title')), literal(change.label)),
  );
  if (change.details !== undefined) {
    quads.push(quad(node, namedNode(DCTERMS('description')), literal(change.details)));
  }
  for (const values of change.values ?? []) {
    const value = blankNode();
    quads.push(quad(node, namedNode(DT('changedValue')), value), quad(value, namedNode(RDF_TYPE), namedNode(DT('ChangedValue'))), quad(value, namedNode(DT('changedProperty')), namedNode(values.property)));
    const term = (text: string): NamedNode | Literal => (values.iris === true ? namedNode(text) : literal(text));
    quads.push(...values.before.map((before) => quad(value, namedNode(DT('valueBefore')), term(before))));
    quads.push(...values.after.map((after) => quad(value, namedNode(DT('valueAfter')), term(after))));
  }
  return node;
}

/** Returns a dt:ImportIssue node for one warning or error, adding its statements to `quads`. */
function issueNode(issue: ImportIssue, quads: Quad[]): BlankNode {
  const node = blankNode();
  quads.push(
    quad(node, namedNode(RDF_TYPE), namedNode(DT('ImportIssue'))),
    quad(node, namedNode(DT('issueSeverity')), literal(issue.severity)),
    quad(node, namedNode(OSLC('message')), literal(issue.message)),
  );
  const location = issue.location;
  if (location === undefined) {
    return node;
  }

  quads.push(quad(node, namedNode(DT('sourceFile')), literal(location.file)));
  if (location.line !== undefined) {
    quads.push(quad(node, namedNode(DT('sourceLine')), integer(location.line)));
  }
  if (location.entity !== undefined) {
    quads.push(quad(node, namedNode(DT('sourceEntity')), literal(location.entity)));
  }
  return node;
}
