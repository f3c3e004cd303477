/** Declarations for the parts of shacl-engine 1.x this project uses; the package ships no types. */
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore, Term } from '@rdfjs/types';

  export class Validator {
    public constructor(shapes: DatasetCore, options: { factory: DataFactory; debug?: boolean; details?: boolean });
    public validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: { terms: Iterable<Term> }[]): Promise<unknown>;
  }
}
