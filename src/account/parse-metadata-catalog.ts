// Reads a record type's REST metadata catalog (`GET /record/v1/metadata-catalog/{type}`,
// `Accept: application/schema+json`, a JSON Schema) into the field shapes the plan fits its bodies to.
import type { FieldShape, RecordShape } from './account-profile.js';

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  'x-ns-record'?: string;
};

export class MetadataCatalogError extends Error {
  constructor(recordType: string, why: string) {
    super(`the NetSuite metadata catalog of ${recordType} ${why}`);
    this.name = 'MetadataCatalogError';
  }
}

export function parseMetadataCatalog(recordType: string, document: unknown): RecordShape {
  if (!document || typeof document !== 'object' || !('properties' in document)) {
    throw new MetadataCatalogError(recordType, 'is not a JSON Schema with properties');
  }
  const root = document as JsonSchema & { definitions?: Record<string, JsonSchema> };
  const definitions = root.definitions ?? {};
  const resolve = (s: JsonSchema, depth: number): JsonSchema | undefined => {
    if (depth > 20) throw new MetadataCatalogError(recordType, 'has a $ref cycle');
    if (!s.$ref) return s;
    // A $ref outside this document points at another record's catalog: a reference to that record.
    if (!s.$ref.startsWith('#/definitions/')) return undefined;
    const target = definitions[s.$ref.slice('#/definitions/'.length)];
    if (!target) throw new MetadataCatalogError(recordType, `refers to a missing definition ${s.$ref}`);
    return resolve(target, depth + 1);
  };
  const shapeOf = (raw: JsonSchema, depth: number): FieldShape => {
    const s = resolve(raw, depth);
    if (!s) return { kind: 'ref' };
    const props = s.properties;
    if (!props) return { kind: 'scalar', type: String(Array.isArray(s.type) ? s.type[0] : (s.type ?? 'string')), ...(s.format ? { format: s.format } : {}) };
    const items = props.items && resolve(props.items, depth + 1);
    if (items?.type === 'array' && items.items) {
      const line = resolve(items.items, depth + 1);
      return { kind: 'sublist', lines: fieldsOf(line?.properties ?? {}, depth + 1) };
    }
    if (props.id) {
      const id = resolve(props.id, depth + 1);
      if (s['x-ns-record'] || props.externalId || props.links) return { kind: 'ref' };
      return { kind: 'enum', ...(id?.enum ? { values: id.enum.map(String) } : {}) };
    }
    return { kind: 'subrecord', fields: fieldsOf(props, depth + 1) };
  };
  const fieldsOf = (props: Record<string, JsonSchema>, depth: number): RecordShape => {
    const out = new Map<string, FieldShape>();
    for (const [name, s] of Object.entries(props)) if (name !== 'links') out.set(name, shapeOf(s, depth));
    return out;
  };
  return fieldsOf(root.properties ?? {}, 0);
}
