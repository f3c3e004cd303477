import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT, RDF_TYPE, XSD } from '../rdf/namespaces.js';
import { STANDARDS } from './Certification.js';
import { withheldStatement } from './render/ReportContext.js';
import type { TraceabilityReport } from './TraceabilityReport.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

/**
 * Describes a report as a dt:TraceabilityReport resource (shapes/TraceabilityReport.ttl) whose
 * subject is `subjectIri`, ready for the creation factory: filters, counts, what was withheld and one
 * inline dt:TraceabilityGap per gap. The resource carries the highest export-control marking of the
 * resources the report shows, with their ECCNs and USML categories, so it is controlled like its
 * inputs. The matrix itself is not stored; it is recomputed on request.
 */
export function reportResourceQuads(report: TraceabilityReport, subjectIri: string): Quad[] {
  const subject = namedNode(subjectIri);
  const quads: Quad[] = [];
  const add = (s: Quad['subject'], predicate: string, object: Quad['object']): void => {
    quads.push(quad(s, namedNode(predicate), object));
  };
  const integer = (value: number) => literal(String(value), namedNode(XSD('integer')));

  const { filter, counts } = report;
  const scope = [filter.standard === undefined ? 'all standards' : STANDARDS[filter.standard].label, filter.level === undefined ? 'all levels' : `level ${filter.level}`];
  if (filter.baseline !== undefined) {
    scope.push(`baseline ${filter.baseline}`);
  }
  if (filter.clearance !== undefined) {
    scope.push(`clearance ${filter.clearance}`);
  }
  add(subject, RDF_TYPE, namedNode(DT('TraceabilityReport')));
  add(subject, DCTERMS('title'), literal(`Traceability report, ${scope.join(', ')}`));
  const summary = `${counts.gaps} gaps in ${counts.requirements} requirements, ${counts.testCases} test cases and ${counts.objectives} applicable objectives.`;
  const withheld = withheldStatement(report);
  add(subject, DCTERMS('description'), literal(withheld === undefined ? summary : `${summary} ${withheld}`));
  add(subject, DT('withheldResourceCount'), integer(report.withheld.resources));
  if (report.exportControl !== undefined) {
    // NOTE: an EAR marking without any ECCN among the inputs (data written around validation) fails the shape's EAR rule, so the report is not stored.
    add(subject, DT('exportControl'), namedNode(DT(report.exportControl.regime)));
    for (const eccn of report.exportControl.eccns) {
      add(subject, DT('eccn'), literal(eccn));
    }
    for (const category of report.exportControl.usmlCategories) {
      add(subject, DT('usmlCategory'), literal(category));
    }
  }
  if (filter.standard !== undefined) {
    add(subject, DT('standard'), namedNode(STANDARDS[filter.standard].iri));
  }
  if (filter.level !== undefined) {
    add(subject, DT('assuranceLevel'), namedNode(DT(`Level${filter.level}`)));
  }
  if (filter.baseline !== undefined) {
    add(subject, DT('baseline'), literal(filter.baseline, namedNode(XSD('dateTime'))));
  }
  if (filter.clearance !== undefined) {
    add(subject, DT('exportClearance'), literal(filter.clearance));
  }
  add(subject, DT('requirementCount'), integer(counts.requirements));
  add(subject, DT('tracedRequirementCount'), integer(counts.traced));
  add(subject, DT('testCaseCount'), integer(counts.testCases));
  add(subject, DT('objectiveCount'), integer(counts.objectives));
  add(subject, DT('gapCount'), integer(counts.gaps));

  report.gaps.forEach((gap, position) => {
    const node = blankNode(`gap${position + 1}`);
    add(subject, DT('gap'), node);
    add(node, RDF_TYPE, namedNode(DT('TraceabilityGap')));
    add(node, DT('gapKind'), namedNode(DT(gap.kind)));
    add(node, DT('gapSubject'), namedNode(gap.subject.iri));
    if (gap.item !== undefined) {
      add(node, DT('item'), namedNode(gap.item.iri));
    }
    if (gap.objective !== undefined) {
      add(node, DT('objective'), namedNode(gap.objective.iri));
    }
    add(node, DCTERMS('description'), literal(gap.description));
  });
  return quads;
}
