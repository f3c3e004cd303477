import { fileURLToPath } from 'node:url';

/** The package directory, which contains `shapes/`, `vocab/`, `fixtures/` and `public/` next to `dist/`. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
