import type { Quad } from '@rdfjs/types';
import { isResourceType, type ResourceShape, type ResourceTypeShape } from './ResourceShape.js';
import { ShaclCompiler } from './ShaclCompiler.js';
import type { ShapeSet } from './ShapeLoader.js';

/** Lookup of the loaded shapes by name, URL segment, IRI and described class. */
export class ShapeRegistry {
  private readonly byNameMap = new Map<string, ResourceShape>();
  private readonly bySegmentMap = new Map<string, ResourceTypeShape>();
  private readonly byIriMap = new Map<string, ResourceShape>();
  private readonly compiler: ShaclCompiler;

  public constructor(private readonly shapeSet: ShapeSet) {
    for (const shape of shapeSet.shapes) {
      this.byNameMap.set(shape.name, shape);
      this.byIriMap.set(shape.iri, shape);
      if (isResourceType(shape)) {
        this.bySegmentMap.set(shape.pathSegment, shape);
      }
    }
    this.compiler = new ShaclCompiler(shapeSet.shapes);
  }

  public all(): readonly ResourceShape[] {
    return this.shapeSet.shapes;
  }

  /** Shapes that are resource types (with URLs and identifiers), in file order. */
  public resourceTypes(): ResourceTypeShape[] {
    return [...this.bySegmentMap.values()];
  }

  public byName(name: string): ResourceShape | undefined {
    return this.byNameMap.get(name);
  }

  public bySegment(segment: string): ResourceTypeShape | undefined {
    return this.bySegmentMap.get(segment);
  }

  public byIri(iri: string): ResourceShape | undefined {
    return this.byIriMap.get(iri);
  }

  /** The resource type whose `oslc:describes` includes one of the given classes. */
  public byClass(classes: Iterable<string>): ResourceTypeShape | undefined {
    const wanted = new Set(classes);
    return this.resourceTypes().find((shape) => shape.describes.some((type) => wanted.has(type)));
  }

  /** The triples published for a shape document: a shape with its property nodes, or a file such as `common`. */
  public document(name: string): Quad[] | undefined {
    return this.byNameMap.get(name)?.quads ?? this.shapeSet.documents.get(name);
  }

  /** The SHACL compiled from a shape. */
  public shacl(shape: ResourceShape): Quad[] {
    return this.compiler.compile(shape);
  }

  /** The SHACL compiled from every shape. */
  public allShacl(): Quad[] {
    return this.compiler.compileAll();
  }
}
