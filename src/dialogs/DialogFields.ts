import { compactIri, DCTERMS, OSLC, RDF_TYPE, SH, XSD } from '../rdf/namespaces.js';
import type { PropertyShape, ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { ShapeRegistry } from '../shapes/ShapeRegistry.js';
import type { Vocabulary } from '../vocab/Vocabulary.js';

/** The HTML control a property gets in a creation dialog. */
export type ControlKind = 'text' | 'textarea' | 'select' | 'number' | 'date' | 'datetime' | 'checkbox' | 'reference' | 'iri';

/** One choice of a select control or a selection dialog filter. */
export interface FieldOption {
  /** The IRI of a resource value, or the lexical form of a literal value. */
  value: string;
  label: string;
  /** Heading of the options shown together, for long lists such as certification objectives. */
  group?: string;
}

/** A writable property of a resource shape, described for a creation form. */
export interface FormField {
  /** `oslc:name`, used as the form field name. */
  name: string;
  propertyDefinition: string;
  title: string;
  description?: string;
  required: boolean;
  multiple: boolean;
  control: ControlKind;
  /** Literal datatype, or undefined for values that are IRIs. */
  datatype?: string;
  options: FieldOption[];
  /** Symbol of the property's fixed unit (`dt:valueUnit`), such as "kg". */
  unit?: string;
  /** Lower bound from `sh:minInclusive`. */
  minimum?: string;
  maxLength?: number;
  /** For references to this server's resources: the path segment of the type to pick from. */
  pickSegment?: string;
}

/** A property offered as a filter in a selection dialog: one whose values come from a closed list. */
export interface FilterField {
  name: string;
  propertyDefinition: string;
  title: string;
  /** Whether the values are IRIs (otherwise string literals). */
  iriValues: boolean;
  options: FieldOption[];
}

/** Properties every resource has, never edited in forms or shown as key fields. */
const COMMON_TEXT = new Set([DCTERMS('identifier'), DCTERMS('title'), DCTERMS('description'), RDF_TYPE]);

/** Key fields shown next to each selection dialog result, at most this many. */
const MAX_KEY_FIELDS = 3;

/** Strings longer than this get a multi-line text area. */
const LONG_TEXT = 1000;

const NUMERIC = new Set([XSD('integer'), XSD('decimal'), XSD('double'), XSD('float'), XSD('int'), XSD('long'), XSD('nonNegativeInteger'), XSD('positiveInteger')]);

/**
 * Derives the fields of delegated dialogs from a resource shape, so that every resource type gets its
 * selection filters, result columns and creation form without code of its own (as Eclipse Lyo derives
 * dialogs from shapes).
 */
export class DialogFields {
  public constructor(
    private readonly shapes: ShapeRegistry,
    private readonly vocabulary: Vocabulary,
  ) {}

  /** Returns the properties with a closed list of allowed values, such as lifecycle state or NCR status. */
  public filters(shape: ResourceTypeShape): FilterField[] {
    return shape.properties
      .filter((property) => !property.hidden && property.allowedValues.length > 0 && property.propertyDefinition !== RDF_TYPE)
      .map((property) => ({
        name: property.name,
        propertyDefinition: property.propertyDefinition,
        title: property.title,
        iriValues: property.allowedValues[0]!.termType === 'NamedNode',
        options: property.allowedValues.map((value) => ({ value: value.value, label: this.valueLabel(value.value) })),
      }));
  }

  /**
   * Returns the single-valued properties that tell results apart, such as part number, revision and
   * lifecycle state: the required ones first, then optional ones with allowed values (status, level),
   * which are short and present on most resources. Identifier and title are always shown and are not among them.
   */
  public keyFields(shape: ResourceTypeShape): PropertyShape[] {
    const candidates = shape.properties.filter(
      (property) => !property.hidden && !property.readOnly && property.maxCount === 1 && !COMMON_TEXT.has(property.propertyDefinition),
    );
    const required = candidates.filter((property) => property.minCount === 1);
    const enumerated = candidates.filter((property) => property.minCount === 0 && property.allowedValues.length > 0);
    return [...required, ...enumerated].slice(0, MAX_KEY_FIELDS);
  }

  /** Returns the fields of a creation form: every property a client may set, in shape order. */
  public formFields(shape: ResourceTypeShape): FormField[] {
    return shape.properties.filter((property) => !property.readOnly && !property.hidden && property.propertyDefinition !== RDF_TYPE && property.valueType !== OSLC('LocalResource')).map((property) => this.formField(property));
  }

  /** Returns a display label for a value: its vocabulary label, or its compact IRI. */
  public valueLabel(value: string): string {
    return this.vocabulary.label(value) ?? (/^[a-z][a-z0-9+.-]*:/i.test(value) ? compactIri(value) : value);
  }

  private formField(property: PropertyShape): FormField {
    const field: FormField = {
      name: property.name,
      propertyDefinition: property.propertyDefinition,
      title: property.title,
      required: property.minCount > 0,
      multiple: property.maxCount === undefined || property.maxCount > 1,
      control: 'text',
      options: [],
    };
    if (property.description !== undefined) field.description = property.description;
    if (property.maxSize !== undefined) field.maxLength = property.maxSize;
    const minimum = property.shaclConstraints.find((constraint) => constraint.predicate === SH('minInclusive'));
    if (minimum !== undefined) field.minimum = minimum.object.value;
    if (property.valueUnit !== undefined) field.unit = this.vocabulary.symbol(property.valueUnit) ?? compactIri(property.valueUnit);

    const valueType = property.valueType ?? XSD('string');
    if (property.allowedValues.length > 0) {
      field.control = 'select';
      field.options = property.allowedValues.map((value) => ({ value: value.value, label: this.valueLabel(value.value) }));
      if (property.allowedValues[0]!.termType === 'Literal') field.datatype = valueType;
      return field;
    }
    if (valueType === OSLC('Resource') || valueType === OSLC('AnyResource')) {
      return this.referenceField(field, property);
    }

    field.datatype = valueType;
    if (NUMERIC.has(valueType)) {
      field.control = 'number';
    } else if (valueType === XSD('dateTime')) {
      field.control = 'datetime';
    } else if (valueType === XSD('date')) {
      field.control = 'date';
    } else if (valueType === XSD('boolean')) {
      field.control = 'checkbox';
    } else if (property.propertyDefinition === DCTERMS('description') || (property.maxSize !== undefined && property.maxSize > LONG_TEXT)) {
      field.control = 'textarea';
    }
    return field;
  }

  /**
   * Chooses the control of a link: a picker when its range is one of this server's resource types, a select when the
   * vocabulary lists the range's individuals (units, objectives), or else an IRI input.
   */
  private referenceField(field: FormField, property: PropertyShape): FormField {
    const target = property.range === undefined ? undefined : this.shapes.byClass([property.range]);
    if (target !== undefined) {
      field.control = 'reference';
      field.pickSegment = target.pathSegment;
      return field;
    }
    const individuals = property.range === undefined ? [] : this.vocabulary.instancesOf(property.range);
    if (individuals.length > 0) {
      field.control = 'select';
      field.options = individuals.map((iri) => {
        const group = this.vocabulary.group(iri);
        return group === undefined ? { value: iri, label: this.valueLabel(iri) } : { value: iri, label: this.valueLabel(iri), group };
      });
      return field;
    }
    field.control = 'iri';
    return field;
  }
}
