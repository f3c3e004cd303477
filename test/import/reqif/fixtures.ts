import { join } from 'node:path';

/** Path, relative to the repository root, of a ReqIF fixture copied from strictdoc-project/reqif. */
export function reqifFixture(...segments: string[]): string {
  return join('test', 'fixtures', 'import', 'reqif', ...segments);
}

export const OSLC_RM = 'http://open-services.net/ns/rm#';
export const DT = 'https://w3id.org/digital-thread/ns#';
