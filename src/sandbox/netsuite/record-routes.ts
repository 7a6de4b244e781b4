// /services/rest/record/v1/…: list, create, get, upsert, patch, delete, sublists and transforms.
import { COLLECTION, SINGULAR, type ApiRequest, type ApiResponse } from './api-types.js';
import type { Features } from './features.js';
import { invalidParameter, invalidRequest, nonexistentId, unknownRecordType } from './ns-error.js';
import type { RecordRenderer } from './record-render.js';
import { isActive, typeBySegment, type TypeDef } from './record-schema.js';
import type { RecordService } from './record-service.js';
import { parseBody } from './request-body.js';
import type { SandboxStore, StoredRecord } from './sandbox-store.js';

export function pageParams(query: URLSearchParams): { limit: number; offset: number } {
  const limitText = query.get('limit');
  const offsetText = query.get('offset');
  const limit = limitText === null ? 1000 : Number(limitText);
  const offset = offsetText === null ? 0 : Number(offsetText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw invalidParameter('limit', 'Invalid value for the query parameter limit. The value must be an integer between 1 and 1000.');
  }
  if (!Number.isInteger(offset) || offset < 0 || offset % limit !== 0) {
    throw invalidParameter('offset', 'Invalid value for the query parameter offset. The offset must be a non-negative multiple of the limit.');
  }
  return { limit, offset };
}

function csvLower(v: string | null): Set<string> {
  return new Set((v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
}

export class RecordRoutes {
  constructor(
    private readonly store: SandboxStore,
    private readonly service: RecordService,
    private readonly renderer: RecordRenderer,
    private readonly features: Features,
  ) {}

  /** The record type a URL segment names, if the account's features serve it. */
  served(segment: string): TypeDef | undefined {
    const td = typeBySegment(segment);
    return td && isActive(td, this.features) ? td : undefined;
  }

  private find(td: TypeDef, spec: string): StoredRecord | undefined {
    if (spec.startsWith('eid:')) return this.store.byExternalId(td.name, spec.slice(4));
    const rec = this.store.get(td.family, spec);
    return rec && rec.type === td.name ? rec : undefined;
  }

  private mustFind(td: TypeDef, spec: string): StoredRecord {
    const rec = this.find(td, spec);
    if (!rec) throw nonexistentId();
    return rec;
  }

  private written(req: ApiRequest, typeSegment: string, rec: StoredRecord): ApiResponse {
    return { status: 204, headers: { Location: `${req.base}/services/rest/record/v1/${typeSegment}/${rec.id}` } };
  }

  handle(req: ApiRequest): ApiResponse {
    const [typeSeg, idSpec, sub, toSeg, ...rest] = req.segments;
    if (!typeSeg || rest.length) throw invalidRequest();
    const td = this.served(typeSeg);
    if (!td) throw unknownRecordType(typeSeg);
    if (/respond-async/i.test(String(req.headers.prefer ?? ''))) {
      throw invalidRequest('Asynchronous requests (Prefer: respond-async) are not supported by this sandbox.');
    }
    const opts = { store: this.store, features: this.features, rejectUnknownNames: /^error$/i.test(String(req.headers['x-netsuite-propertynamevalidation'] ?? '')) };
    const replace = csvLower(req.query.get('replace'));
    const m = req.method;

    if (idSpec === undefined) {
      if (m === 'GET') return this.list(req, td);
      if (m === 'POST') return this.written(req, typeSeg, this.service.create(td, parseBody(td, req.body, opts), replace));
      throw invalidRequest();
    }
    if (sub === undefined) {
      if (m === 'GET') {
        const rec = this.mustFind(td, idSpec);
        const only = req.query.get('fields');
        const body = this.renderer.render(rec, {
          base: req.base,
          expand: req.query.get('expandSubResources') === 'true',
          ...(only ? { only: csvLower(only) } : {}),
        });
        return { status: 200, headers: { 'Content-Type': SINGULAR }, body };
      }
      if (m === 'PATCH') {
        const rec = this.mustFind(td, idSpec);
        return this.written(req, typeSeg, this.service.update(rec, parseBody(td, req.body, opts), replace));
      }
      if (m === 'PUT') {
        if (!idSpec.startsWith('eid:')) throw invalidRequest('You can only use the upsert operation with an external ID in the request URL.');
        const eid = idSpec.slice(4);
        if (!/^[A-Za-z0-9_-]+$/.test(eid)) throw invalidRequest(`Invalid external ID: ${eid}`);
        const { rec } = this.service.upsert(td, eid, parseBody(td, req.body, opts), replace);
        return this.written(req, typeSeg, rec);
      }
      if (m === 'DELETE') {
        this.service.remove(this.mustFind(td, idSpec));
        return { status: 204 };
      }
      throw invalidRequest();
    }
    if (sub === '!transform' && toSeg !== undefined && m === 'POST') {
      const to = this.served(toSeg);
      if (!to) throw unknownRecordType(toSeg);
      const from = this.mustFind(td, idSpec);
      return this.written(req, toSeg, this.service.transform(from, to, parseBody(to, req.body, opts), replace));
    }
    if (toSeg === undefined && m === 'GET') {
      const rec = this.mustFind(td, idSpec);
      const fd = td.byLower.get(sub.toLowerCase());
      if (!fd || fd.kind.k !== 'sublist' || !isActive(fd, this.features)) throw nonexistentId();
      return { status: 200, headers: { 'Content-Type': COLLECTION }, body: this.renderer.sublist(rec, fd, req.base) };
    }
    throw invalidRequest();
  }

  private list(req: ApiRequest, td: TypeDef): ApiResponse {
    if (req.query.has('q')) throw invalidParameter('q', 'The q filter is not supported by this sandbox; use SuiteQL or eid: lookups.');
    const { limit, offset } = pageParams(req.query);
    const total = this.store.count(td.name);
    const self = `${req.base}/services/rest/record/v1/${td.name.toLowerCase()}`;
    const href = (o: number): string => `${self}?limit=${limit}&offset=${o}`;
    const ids = this.store.listIds(td.name, limit, offset);
    const links = [{ rel: 'self', href: href(offset) }];
    if (offset > 0) links.unshift({ rel: 'first', href: href(0) }, { rel: 'prev', href: href(Math.max(0, offset - limit)) });
    if (offset + ids.length < total) {
      links.unshift({ rel: 'next', href: href(offset + limit) }, { rel: 'last', href: href(Math.max(0, Math.floor((total - 1) / limit) * limit)) });
    }
    return {
      status: 200,
      headers: { 'Content-Type': COLLECTION },
      body: {
        links,
        count: ids.length,
        hasMore: offset + ids.length < total,
        items: ids.map((id) => ({ links: [{ rel: 'self', href: `${self}/${id}` }], id })),
        offset,
        totalResults: total,
      },
    };
  }
}
