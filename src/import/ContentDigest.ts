import { hash } from 'node:crypto';
import type { NamedNode, Term } from '@rdfjs/types';
import { TIME_PROPERTIES } from './Provenance.js';
import type { ResourceContent } from './ResourceGraphs.js';

/**
 * Version of the rules that turn imported content into a stored state (mergeContent, the defaults of
 * new resources, the owned properties). Change it with those rules, so that digests of older builds
 * stop matching and the next import compares stored states again.
 */
const DIGEST_FORMAT = 'digital-thread import content 1';

/**
 * Returns the SHA-256 digest, in base64, of what an import writes on one resource: the properties it owns and
 * the imported triples, apart from the time of the write. Two runs over the same source item give the
 * same digest, because the adapters and ResourceGraphs build its content in the same order each time.
 * Content in another order (a source with reordered attributes) only costs the next import a read.
 *
 * Blank nodes are named by the order in which they first appear, because every run labels the inline
 * resources of the same content anew. IRIs cannot contain `>` or a space, and literal values are
 * length-prefixed, so no two different contents serialize to the same text.
 */
export function contentDigest(subject: NamedNode, content: ResourceContent): string {
  const blankNodes = new Map<string, string>();
  const key = (term: Term): string => {
    if (term.termType === 'NamedNode') {
      return term.value;
    }
    if (term.termType === 'Literal') {
      return `"${term.value.length}:${term.value}"@${term.language}^^${term.datatype.value}`;
    }
    let label = blankNodes.get(term.value);
    if (label === undefined) {
      label = `_:${blankNodes.size}`;
      blankNodes.set(term.value, label);
    }
    return label;
  };

  let text = DIGEST_FORMAT;
  for (const property of content.owned) {
    text += `\nowns ${property}`;
  }
  for (const candidate of content.quads) {
    const own = candidate.subject.equals(subject);
    if (own && TIME_PROPERTIES.has(candidate.predicate.value)) {
      continue;
    }
    // The resource itself is the subject of most triples, and an empty subject stands for it.
    text += `\n${own ? '' : key(candidate.subject)} ${candidate.predicate.value} ${key(candidate.object)}`;
  }
  return hash('sha256', text, 'base64');
}
