import type { TripleStore } from '../store/TripleStore.js';
import type { ImportIssue } from './ImportModel.js';
import { PROVENANCE, sourceNameOf } from './Provenance.js';
import { fromSameNamedFile, OWN_SOURCE, type ImportedSource } from './SameNamedFiles.js';

/** Most other files whose source system is read (from one resource each) and that the warning names and counts. */
const FILES_READ = 3;

/**
 * Returns a warning when a removal run removes resources that a file from another source system created
 * under the same source name, such as a CSV BOM imported as `--source mlg.plmxml`. Dated exports of one
 * tool under one source name are the usual case and get no warning. Another tool's file is more likely
 * another document, given the other file's source name by mistake. Same-named files have a warning of
 * their own (SameNamedFiles), so they are left out.
 */
export async function warnAboutOtherSystems(
  store: TripleStore,
  removed: readonly { iri: string; importOrigin?: string }[],
  source: ImportedSource,
  dryRun: boolean,
): Promise<ImportIssue | undefined> {
  const byOrigin = new Map<string, string[]>();
  for (const resource of removed) {
    if (resource.importOrigin !== undefined && resource.importOrigin !== source.origin && !fromSameNamedFile(resource, source)) {
      const iris = byOrigin.get(resource.importOrigin) ?? [];
      iris.push(resource.iri);
      byOrigin.set(resource.importOrigin, iris);
    }
  }

  // dt:sourceSystem is the system of the import that wrote the resource last, which is an import of this source.
  const others: { origin: string; system: string; count: number }[] = [];
  for (const [origin, iris] of [...byOrigin].sort(([a], [b]) => a.localeCompare(b)).slice(0, FILES_READ)) {
    const quads = (await store.readQuads(iris[0]!)) ?? [];
    const system = quads.find((candidate) => candidate.subject.value === iris[0] && candidate.predicate.value === PROVENANCE.sourceSystem)?.object.value;
    if (system !== undefined && system !== source.system) {
      others.push({ origin, system, count: iris.length });
    }
  }
  if (others.length === 0) {
    return undefined;
  }

  const count = others.reduce((total, other) => total + other.count, 0);
  const resources = `${count} ${count === 1 ? 'resource' : 'resources'}`;
  const files = new Intl.ListFormat('en').format(others.map((other) => `<${other.origin}> (${other.system})`));
  const name = sourceNameOf(source.iri);
  return {
    severity: 'warning',
    message:
      `${dryRun ? 'This removal run would remove' : 'This removal run removes'} ${resources} that imports of ${files} created under source name ${name}, while this file is from ${source.system}. ` +
      `Removing them is right only if this file replaces ${others.length === 1 ? 'that export' : 'those exports'}. If it is another document, import it with ${OWN_SOURCE}.`,
  };
}
