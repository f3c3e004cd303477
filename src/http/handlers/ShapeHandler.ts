import { Router, type Request, type Response } from 'express';
import { GraphBuilder } from '../../rdf/GraphBuilder.js';
import { DCTERMS, LDP, OSLC } from '../../rdf/namespaces.js';
import { queryResultShape, queryResultShapeIri } from '../../shapes/QueryResultShape.js';
import { NotFoundHttpError } from '../HttpError.js';
import type { ServerContext } from '../ServerContext.js';

/**
 * Resource shapes: `oslc/shapes` lists them, `oslc/shapes/{name}` serves one OSLC ResourceShape with
 * all its property nodes, `oslc/shapes/{name}/shacl` the SHACL compiled from it, and
 * `oslc/shapes/{name}/results` the shape of query results over the type.
 */
export function shapeRoutes(context: ServerContext): Router {
  const router = Router();

  const list = async (req: Request, res: Response): Promise<void> => {
    const graph = new GraphBuilder();
    const container = context.urls.shapesBase.slice(0, -1);
    graph.type(container, LDP('BasicContainer'));
    graph.literal(container, DCTERMS('title'), 'Resource shapes');
    for (const shape of context.shapes.all()) {
      graph.add(container, LDP('contains'), shape.iri);
      graph.type(shape.iri, OSLC('ResourceShape'));
      graph.literal(shape.iri, DCTERMS('title'), shape.title);
      if (shape.pathSegment !== undefined) {
        const results = queryResultShapeIri(shape);
        graph.add(container, LDP('contains'), results);
        graph.type(results, OSLC('ResourceShape'));
        graph.literal(results, DCTERMS('title'), `${shape.title} query results`);
      }
    }
    await context.responder.send(req, res, graph.quads, { subject: container });
  };
  router.get('/oslc/shapes', list);
  router.head('/oslc/shapes', list);

  const shape = async (req: Request, res: Response): Promise<void> => {
    const name = (req.params as { name: string }).name;
    const quads = context.shapes.document(name);
    if (quads === undefined) {
      throw new NotFoundHttpError(`No shape named "${name}" exists; ${context.urls.shapesBase.slice(0, -1)} lists the shapes.`);
    }
    await context.responder.send(req, res, quads, { subject: context.urls.shape(name) });
  };
  router.get('/oslc/shapes/:name', shape);
  router.head('/oslc/shapes/:name', shape);

  const shacl = async (req: Request, res: Response): Promise<void> => {
    const name = (req.params as { name: string }).name;
    const found = context.shapes.byName(name);
    if (found === undefined) {
      throw new NotFoundHttpError(`No shape named "${name}" exists, so there is no SHACL for it.`);
    }
    await context.responder.send(req, res, context.shapes.shacl(found), { subject: `${found.iri}/shacl#NodeShape`, heading: `SHACL for ${found.title}` });
  };
  router.get('/oslc/shapes/:name/shacl', shacl);
  router.head('/oslc/shapes/:name/shacl', shacl);

  const results = async (req: Request, res: Response): Promise<void> => {
    const name = (req.params as { name: string }).name;
    const found = context.shapes.byName(name);
    if (found === undefined || found.pathSegment === undefined) {
      throw new NotFoundHttpError(`No resource type "${name}" exists, so there is no query result shape for it.`);
    }
    await context.responder.send(req, res, queryResultShape(found), { subject: queryResultShapeIri(found) });
  };
  router.get('/oslc/shapes/:name/results', results);
  router.head('/oslc/shapes/:name/results', results);
  return router;
}
