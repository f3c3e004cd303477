import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT, LDP, OSLC, RDF_TYPE } from '../rdf/namespaces.js';
import { changeCountOf, type ImportJob } from './ImportJobs.js';
import { addCounts, addJobFacts, integer } from './ImportJobGraph.js';

const { namedNode, literal, quad } = DataFactory;

/** A job of the list, with the IRIs of the job and of its service provider. */
export interface ListedJob {
  job: ImportJob;
  iri: string;
  providerIri: string;
}

/**
 * Describes the job list in RDF, as an ldp:BasicContainer that contains each job, as the shape list does.
 * Each job has the facts of its own resource and, like the JSON list, the counts of its report and its
 * numbers of changes and warnings but not the changes themselves, because 100 full reports can reach tens
 * of megabytes.
 */
export function importJobListQuads(listIri: string, jobs: readonly ListedJob[]): Quad[] {
  const list = namedNode(listIri);
  const quads: Quad[] = [quad(list, namedNode(RDF_TYPE), namedNode(LDP('BasicContainer'))), quad(list, namedNode(DCTERMS('title')), literal('Import jobs'))];

  for (const { job, iri, providerIri } of jobs) {
    quads.push(quad(list, namedNode(LDP('contains')), namedNode(iri)));
    const add = addJobFacts(job, iri, providerIri, quads);
    if (job.report !== undefined) {
      addCounts(job.report, add, quads);
      add(DT('changeCount'), integer(changeCountOf(job)));
      add(DT('warningCount'), integer(job.report.warnings.length));
    }
    if (job.error !== undefined) {
      add(OSLC('message'), literal(job.error.message));
    }
  }
  return quads;
}
