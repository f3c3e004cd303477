import { join } from 'node:path';
import { loadShapes } from '../../src/shapes/ShapeLoader.js';
import { ShapeRegistry } from '../../src/shapes/ShapeRegistry.js';

export const TEST_BASE = 'http://127.0.0.1:8080/';

/** Loads the project's shapes as the server would for base URL `TEST_BASE`. */
export function projectShapes(): ShapeRegistry {
  return new ShapeRegistry(loadShapes(join(process.cwd(), 'shapes'), `${TEST_BASE}oslc/shapes/`));
}
