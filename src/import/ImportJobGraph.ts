import { DataFactory } from 'n3';
import type { Quad, Quad_Object } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, OSLC_PLM, OSLC_RM, PROV, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import { formatIssue } from './ImportErrors.js';
import type { ImportJob } from './ImportJobs.js';
import type { ImportedType } from './SyncPlan.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

const CLASSES: Record<ImportedType, string> = { parts: OSLC_PLM('Part'), bomLines: OSLC_PLM('PartUsage'), requirements: OSLC_RM('Requirement') };

/** Describes an import job in RDF, as a dt:ImportJob (a prov:Activity) with its progress and report. */
export function importJobQuads(job: ImportJob, iri: string, providerIri: string): Quad[] {
  const subject = namedNode(iri);
  const quads: Quad[] = [];
  const add = (predicate: string, object: Quad_Object): void => {
    quads.push(quad(subject, namedNode(predicate), object));
  };
  const dateTime = (value: string): Quad_Object => literal(value, namedNode(XSD('dateTime')));
  const integer = (value: number): Quad_Object => literal(String(Math.round(value)), namedNode(XSD('integer')));

  add(RDF_TYPE, namedNode(DT('ImportJob')));
  add(RDF_TYPE, namedNode(PROV('Activity')));
  add(DCTERMS('identifier'), literal(job.id));
  add(DT('jobState'), literal(job.state));
  add(DT('importFormat'), literal(job.format));
  add(DCTERMS('source'), literal(job.source));
  add(OSLC('serviceProvider'), namedNode(providerIri));
  add(DT('dryRun'), literal(String(job.dryRun), namedNode(XSD('boolean'))));
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

  if (job.report !== undefined) {
    for (const [type, counts] of Object.entries(job.report.counts) as [ImportedType, (typeof job.report.counts)[ImportedType]][]) {
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
    for (const warning of job.report.warnings) {
      add(DT('issueMessage'), literal(formatIssue(warning)));
    }
  }
  if (job.error !== undefined) {
    add(OSLC('message'), literal(job.error.message));
    for (const issue of job.error.issues ?? []) {
      add(DT('issueMessage'), literal(`${issue.severity}: ${formatIssue(issue)}`));
    }
  }
  return quads;
}
