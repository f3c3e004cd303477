import { DataFactory, Parser, Writer } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { DCTERMS, DT, RDF_TYPE, XSD } from '../../rdf/namespaces.js';
import { levelOfIri, parseStandard, STANDARDS, standardOfIri } from '../Certification.js';
import { packageTitle, type PackageManifest } from './PackageManifest.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

/**
 * One fact a manifest states, under a key that manifest.json and manifest.ttl share: the label names
 * the fact in messages (for example "version of artifact CA-000011"), the value is its text.
 */
export interface ManifestStatement {
  label: string;
  value: string;
}

/** Writes the manifest as Turtle: the package with its release, filters, clearance and completeness, its files and its artifacts, each with its SHA-256. */
export function manifestTurtle(manifest: PackageManifest): Promise<string> {
  const subject = namedNode(manifest.package);
  const { exportControl } = manifest;
  const quads: Quad[] = [
    quad(subject, namedNode(RDF_TYPE), namedNode(DT('CompliancePackage'))),
    quad(subject, namedNode(DT('release')), literal(manifest.release)),
    quad(subject, namedNode(DCTERMS('title')), literal(packageTitle(manifest))),
    quad(subject, namedNode(DCTERMS('subject')), namedNode(manifest.provider)),
    quad(subject, namedNode(DT('standard')), namedNode(STANDARDS[parseStandard(manifest.standard)!].iri)),
    quad(subject, namedNode(DT('exportClearance')), literal(exportControl.clearance)),
    quad(subject, namedNode(DT('withheldResourceCount')), literal(String(exportControl.withheldResources), namedNode(XSD('integer')))),
    quad(subject, namedNode(DCTERMS('description')), literal(exportControl.completeness)),
  ];
  if (manifest.level !== undefined) {
    quads.push(quad(subject, namedNode(DT('assuranceLevel')), namedNode(DT(`Level${manifest.level}`))));
  }
  if (manifest.baseline !== undefined) {
    quads.push(quad(subject, namedNode(DT('baseline')), literal(manifest.baseline, namedNode(XSD('dateTime')))));
  }
  if (exportControl.marking !== undefined) {
    quads.push(quad(subject, namedNode(DT('exportControl')), namedNode(DT(exportControl.marking.regime))));
    for (const eccn of exportControl.marking.eccns) {
      quads.push(quad(subject, namedNode(DT('eccn')), literal(eccn)));
    }
    for (const category of exportControl.marking.usmlCategories) {
      quads.push(quad(subject, namedNode(DT('usmlCategory')), literal(category)));
    }
  }
  manifest.files.forEach((file, position) => {
    const node = blankNode(`file${position + 1}`);
    quads.push(quad(subject, namedNode(DT('packagedFile')), node), quad(node, namedNode(DCTERMS('identifier')), literal(file.path)), quad(node, namedNode(DT('sha256')), literal(file.sha256)));
  });
  for (const artifact of manifest.artifacts) {
    const node = namedNode(artifact.iri);
    quads.push(quad(subject, namedNode(DT('packagedArtifact')), node), quad(node, namedNode(DCTERMS('identifier')), literal(artifact.identifier)), quad(node, namedNode(DT('version')), literal(artifact.version)));
    if (artifact.sha256 !== undefined) {
      quads.push(quad(node, namedNode(DT('sha256')), literal(artifact.sha256)));
    }
  }
  const writer = new Writer({ prefixes: { dt: DT(''), dcterms: DCTERMS('') } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, text) => (error ? reject(error) : resolve(text))));
}

/** Returns the facts manifest.json states that manifest.ttl states too, by shared key. */
export function statementsOfManifest(manifest: PackageManifest): Map<string, ManifestStatement> {
  const statements = new Map<string, ManifestStatement>();
  const state = (key: string, label: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') {
      statements.set(key, { label, value });
    }
  };
  const { exportControl } = manifest;
  state('package', 'package IRI', manifest.package);
  state('release', 'release', manifest.release);
  state('title', 'title', packageTitle(manifest));
  state('provider', 'provider', manifest.provider);
  state('standard', 'standard', manifest.standard);
  state('level', 'level', manifest.level);
  state('baseline', 'baseline', manifest.baseline);
  state('clearance', 'clearance', exportControl.clearance);
  state('withheld', 'withheld resources', exportControl.withheldResources === undefined ? undefined : String(exportControl.withheldResources));
  state('completeness', 'completeness', exportControl.completeness);
  state('marking', 'export-control marking', exportControl.marking?.regime);
  state('eccn', 'ECCNs', exportControl.marking?.eccns.join(', '));
  state('usml', 'USML categories', exportControl.marking?.usmlCategories.join(', '));
  for (const file of manifest.files) {
    state(`file ${file.path}`, `SHA-256 of ${file.path}`, file.sha256);
  }
  for (const artifact of manifest.artifacts) {
    state(`artifact ${artifact.iri}`, `identifier of artifact ${artifact.iri}`, artifact.identifier);
    state(`artifact ${artifact.iri} version`, `version of artifact ${artifact.identifier}`, artifact.version);
    state(`artifact ${artifact.iri} sha256`, `SHA-256 of artifact ${artifact.identifier}`, artifact.sha256);
  }
  return statements;
}

/**
 * Reads the facts of manifest.ttl under the keys statementsOfManifest uses. A property given twice
 * yields its values joined, so an added value shows up as a difference. Throws when the text is not
 * Turtle or names no dt:CompliancePackage.
 */
export function statementsOfManifestTurtle(turtle: string): Map<string, ManifestStatement> {
  const quads = new Parser().parse(turtle);
  const subject = quads.find((candidate) => candidate.predicate.value === RDF_TYPE && candidate.object.value === DT('CompliancePackage'))?.subject;
  if (subject === undefined) {
    throw new Error('it names no dt:CompliancePackage');
  }
  const values = (node: Term, predicate: string): string[] =>
    quads
      .filter((candidate) => candidate.subject.equals(node) && candidate.predicate.value === predicate)
      .map((candidate) => candidate.object.value)
      .sort();
  const statements = new Map<string, ManifestStatement>();
  const state = (key: string, label: string, found: string[], read: (value: string) => string = (value) => value): void => {
    if (found.length > 0) {
      statements.set(key, { label, value: found.map(read).join(', ') });
    }
  };
  const localName = (iri: string): string => (iri.startsWith(DT('')) ? iri.slice(DT('').length) : iri);

  state('package', 'package IRI', [subject.value]);
  state('release', 'release', values(subject, DT('release')));
  state('title', 'title', values(subject, DCTERMS('title')));
  state('provider', 'provider', values(subject, DCTERMS('subject')));
  state('standard', 'standard', values(subject, DT('standard')), (iri) => {
    const standard = standardOfIri(iri);
    return standard === undefined ? iri : STANDARDS[standard].label;
  });
  state('level', 'level', values(subject, DT('assuranceLevel')), (iri) => levelOfIri(iri) ?? iri);
  state('baseline', 'baseline', values(subject, DT('baseline')));
  state('clearance', 'clearance', values(subject, DT('exportClearance')));
  state('withheld', 'withheld resources', values(subject, DT('withheldResourceCount')));
  state('completeness', 'completeness', values(subject, DCTERMS('description')));
  state('marking', 'export-control marking', values(subject, DT('exportControl')), localName);
  state('eccn', 'ECCNs', values(subject, DT('eccn')));
  state('usml', 'USML categories', values(subject, DT('usmlCategory')));
  for (const link of quads.filter((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === DT('packagedFile'))) {
    for (const path of values(link.object, DCTERMS('identifier'))) {
      state(`file ${path}`, `SHA-256 of ${path}`, values(link.object, DT('sha256')));
    }
  }
  for (const link of quads.filter((candidate) => candidate.subject.equals(subject) && candidate.predicate.value === DT('packagedArtifact'))) {
    const iri = link.object.value;
    const identifier = values(link.object, DCTERMS('identifier'));
    const name = identifier.join(', ') || iri;
    statements.set(`artifact ${iri}`, { label: `identifier of artifact ${iri}`, value: name });
    state(`artifact ${iri} version`, `version of artifact ${name}`, values(link.object, DT('version')));
    state(`artifact ${iri} sha256`, `SHA-256 of artifact ${name}`, values(link.object, DT('sha256')));
  }
  return statements;
}
