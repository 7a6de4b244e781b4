// GET /services/rest/record/v1/metadata-catalog/[type]: what this account exposes, as NetSuite answers it.
// With `Accept: application/schema+json` a type answers its active schema as JSON Schema (only the fields the
// account's features give); with no type, the list of record types served.
import type { ApiRequest, ApiResponse } from './api-types.js';
import type { Features } from './features.js';
import { invalidRequest, unknownRecordType } from './ns-error.js';
import { isActive, TYPES, typeBySegment, type FieldDef, type FieldKind, type TypeDef } from './record-schema.js';

type Json = Record<string, unknown>;

const REF_PROPERTIES = {
  id: { type: 'string' },
  refName: { type: 'string', readOnly: true },
  externalId: { type: 'string' },
};

export class MetadataCatalog {
  constructor(private readonly features: Features) {}

  served(): TypeDef[] {
    return [...TYPES.values()].filter((t) => isActive(t, this.features));
  }

  handle(req: ApiRequest): ApiResponse {
    if (req.method !== 'GET') throw invalidRequest();
    const [typeSeg, ...rest] = req.segments;
    if (rest.length) throw invalidRequest();
    const self = `${req.base}/services/rest/record/v1/metadata-catalog`;
    if (typeSeg === undefined) {
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: {
          items: this.served().map((t) => ({
            name: t.name,
            links: [
              { rel: 'canonical', href: `${self}/${t.name.toLowerCase()}`, mediaType: 'application/json' },
              { rel: 'alternate', href: `${self}/${t.name.toLowerCase()}`, mediaType: 'application/schema+json' },
            ],
          })),
          links: [{ rel: 'self', href: `${self}/` }],
        },
      };
    }
    const td = typeBySegment(typeSeg);
    if (!td || !isActive(td, this.features)) throw unknownRecordType(typeSeg);
    const accept = String(req.headers.accept ?? '');
    if (!/application\/schema\+json/i.test(accept)) {
      throw invalidRequest('This sandbox answers the metadata catalog of a record type only with Accept: application/schema+json.');
    }
    return { status: 200, headers: { 'Content-Type': 'application/schema+json' }, body: this.schema(td) };
  }

  /** The active schema of one record type as JSON Schema. */
  schema(td: TypeDef): Json {
    const definitions: Json = {};
    const properties = this.properties(td.fields, definitions);
    return { type: 'object', title: td.name, properties, definitions };
  }

  private properties(fields: FieldDef[], definitions: Json): Json {
    const out: Json = {};
    for (const fd of fields) {
      if (!isActive(fd, this.features)) continue;
      out[fd.name] = this.property(fd, definitions);
    }
    return out;
  }

  private property(fd: FieldDef, definitions: Json): Json {
    const k: FieldKind = fd.kind;
    const title = fd.label !== undefined ? { title: fd.label } : {};
    const ro = fd.readOnly ? { readOnly: true } : {};
    const scalar = (type: string, format?: string): Json => ({ type, ...(format ? { format } : {}), ...title, ...ro });
    switch (k.k) {
      case 'text':
        return scalar('string');
      case 'date':
        return scalar('string', 'date');
      case 'datetime':
        return scalar('string', 'date-time');
      case 'bool':
        return scalar('boolean');
      case 'int':
        return scalar('integer', 'int64');
      case 'number':
        return scalar('number', k.format ?? 'double');
      case 'money':
      case 'rate':
        return scalar('number', 'double');
      case 'array':
        return { type: 'array', ...title, readOnly: true };
      case 'ref':
        if (k.bare) return { ...scalar('integer', 'int64'), 'x-ns-record': k.to.length === 1 ? k.to[0] : k.target };
        return { type: 'object', ...title, ...ro, 'x-ns-record': k.target, properties: REF_PROPERTIES };
      case 'enum':
        return {
          type: 'object',
          ...title,
          ...ro,
          properties: { id: { type: 'string', enum: Object.keys(k.values) }, refName: { type: 'string' } },
        };
      case 'multi': {
        const name = `${k.target}Collection`;
        definitions[name] ??= {
          type: 'object',
          properties: {
            items: { type: 'array', items: { type: 'object', 'x-ns-record': k.target, properties: REF_PROPERTIES } },
          },
        };
        return { $ref: `#/definitions/${name}`, ...title, ...ro };
      }
      case 'subrecord':
        if (!(k.def in definitions)) {
          definitions[k.def] = { type: 'object' };
          definitions[k.def] = { type: 'object', properties: this.properties(k.fields, definitions) };
        }
        return { $ref: `#/definitions/${k.def}`, ...title, ...ro };
      case 'sublist':
        if (!(k.collection in definitions)) {
          definitions[k.collection] = {
            type: 'object',
            properties: {
              items: { type: 'array', items: { $ref: `#/definitions/${k.element}` } },
              count: { type: 'integer', format: 'int64', readOnly: true },
              hasMore: { type: 'boolean', readOnly: true },
              offset: { type: 'integer', format: 'int64', readOnly: true },
              totalResults: { type: 'integer', format: 'int64', readOnly: true },
            },
          };
          definitions[k.element] = { type: 'object', properties: this.properties(k.lines, definitions) };
        }
        return { $ref: `#/definitions/${k.collection}`, ...title, ...ro };
    }
  }
}
