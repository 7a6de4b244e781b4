// A small SuiteQL: SELECT cols|* FROM table [alias] [WHERE pred {AND|OR pred}] [ORDER BY …], over the
// tables a sync needs (reference §2.2). Values come back as strings, keys lowercase, `links: []` per row.
import { minorToString } from './decimal.js';
import { searchError } from './ns-error.js';
import type { FeatureId } from './features.js';
import { TYPES, typeDef, type Family, type TypeName } from './record-schema.js';
import type { RecordRules } from './record-rules.js';
import type { SandboxStore, StoredRecord } from './sandbox-store.js';

type Row = Record<string, string | undefined>;

interface Token {
  t: 'id' | 'str' | 'num' | 'op' | 'param';
  v: string;
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:('(?:[^']|'')*')|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(<=|>=|<>|!=|[=<>(),*?]))/y;
  let pos = 0;
  while (pos < q.length) {
    if (/^\s*$/.test(q.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(q);
    if (!m) throw searchError(`Unsupported or invalid SuiteQL near "${q.slice(pos, pos + 20).trim()}".`);
    pos = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'str', v: m[1].slice(1, -1).replace(/''/g, "'") });
    else if (m[2] !== undefined) out.push({ t: 'num', v: m[2] });
    else if (m[3] !== undefined) out.push({ t: 'id', v: m[3] });
    else out.push(m[4] === '?' ? { t: 'param', v: '?' } : { t: 'op', v: m[4] });
  }
  return out;
}

type ColumnFn =
  | { name: 'upper' | 'lower' | 'trim' }
  | { name: 'replace'; from: string; to: string }
  /** TO_CHAR(datecol, 'YYYY-MM-DD'): a date column (M/D/YYYY) in the given format. */
  | { name: 'to_char'; format: string };

/** Formats TO_CHAR understands here (Oracle date format models). */
const TO_CHAR_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'YYYY-MM', 'YYYY'];
/** A column, with the functions wrapped around it applied innermost first: LOWER(REPLACE(email, ' ', '')). */
type Operand = { col: string; fns?: ColumnFn[] } | { lit: string } | { param: number };
type Pred =
  | { op: '=' | '!=' | '<' | '>' | '<=' | '>=' | 'like'; a: Operand; b: Operand }
  | { op: 'in'; a: Operand; list: Operand[]; not: boolean }
  | { op: 'null'; a: Operand; not: boolean };

interface Query {
  table: string;
  columns: Array<{ expr: string; as: string; fns?: ColumnFn[] }> | '*' | { count: string };
  where: Pred[][]; // OR of ANDs
  order: Array<{ col: string; desc: boolean }>;
}

class Parser {
  private i = 0;
  private params = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  private kw(word: string): boolean {
    const t = this.peek();
    if (t && t.t === 'id' && t.v.toLowerCase() === word) {
      this.i++;
      return true;
    }
    return false;
  }
  private expectKw(word: string): void {
    if (!this.kw(word)) throw searchError(`Unsupported or invalid SuiteQL: expected ${word.toUpperCase()}.`);
  }
  private op(v: string): boolean {
    const t = this.peek();
    if (t && t.t === 'op' && t.v === v) {
      this.i++;
      return true;
    }
    return false;
  }
  private ident(): string {
    const t = this.toks[this.i++];
    if (!t || t.t !== 'id') throw searchError('Unsupported or invalid SuiteQL: expected a column name.');
    return t.v.toLowerCase();
  }

  private operand(): Operand {
    const t = this.peek();
    if (!t) throw searchError('Unsupported or invalid SuiteQL: unexpected end of query.');
    if (t.t === 'str' || t.t === 'num') {
      this.i++;
      return { lit: t.v };
    }
    if (t.t === 'param') {
      this.i++;
      return { param: this.params++ };
    }
    return this.column();
  }

  private column(): { col: string; fns?: ColumnFn[] } {
    const name = this.ident();
    if (!['upper', 'lower', 'trim', 'replace', 'to_char'].includes(name) || !this.op('(')) return { col: name };
    const inner = this.column();
    let fn: ColumnFn;
    if (name === 'to_char') {
      const fmt = this.op(',') ? this.toks[this.i++] : undefined;
      if (!fmt || fmt.t !== 'str' || !TO_CHAR_FORMATS.includes(fmt.v.toUpperCase())) {
        throw searchError(`Unsupported or invalid SuiteQL: TO_CHAR takes a date column and one of the formats ${TO_CHAR_FORMATS.join(', ')}.`);
      }
      fn = { name: 'to_char', format: fmt.v.toUpperCase() };
    } else if (name === 'replace') {
      const from = this.op(',') ? this.toks[this.i++] : undefined;
      const to = this.op(',') ? this.toks[this.i++] : undefined;
      if (!from || from.t !== 'str' || !to || to.t !== 'str') {
        throw searchError('Unsupported or invalid SuiteQL: REPLACE takes a column and two string literals.');
      }
      fn = { name: 'replace', from: from.v, to: to.v };
    } else {
      fn = { name: name as 'upper' | 'lower' | 'trim' };
    }
    if (!this.op(')')) throw searchError('Unsupported or invalid SuiteQL: expected ).');
    return { col: inner.col, fns: [...(inner.fns ?? []), fn] };
  }

  private pred(): Pred {
    const a = this.operand();
    if (this.kw('is')) {
      const not = this.kw('not');
      this.expectKw('null');
      return { op: 'null', a, not };
    }
    const not = this.kw('not');
    if (this.kw('in')) {
      if (!this.op('(')) throw searchError('Unsupported or invalid SuiteQL: expected ( after IN.');
      const list: Operand[] = [this.operand()];
      while (this.op(',')) list.push(this.operand());
      if (!this.op(')')) throw searchError('Unsupported or invalid SuiteQL: expected ).');
      return { op: 'in', a, list, not };
    }
    if (not) throw searchError('Unsupported or invalid SuiteQL: expected IN after NOT.');
    if (this.kw('like')) return { op: 'like', a, b: this.operand() };
    for (const o of ['=', '!=', '<>', '<=', '>=', '<', '>']) {
      if (this.op(o)) return { op: (o === '<>' ? '!=' : o) as '=', a, b: this.operand() };
    }
    throw searchError('Unsupported or invalid SuiteQL: expected a comparison.');
  }

  parse(): { query: Query; paramCount: number } {
    this.expectKw('select');
    let columns: Query['columns'];
    if (this.op('*')) {
      columns = '*';
    } else if (this.kw('count')) {
      if (!this.op('(') || !this.op('*') || !this.op(')')) throw searchError('Unsupported or invalid SuiteQL: only COUNT(*) is supported.');
      columns = { count: this.kw('as') ? this.ident() : 'count' };
    } else {
      const cols: Array<{ expr: string; as: string; fns?: ColumnFn[] }> = [];
      do {
        const { col: expr, fns } = this.column();
        const bare = expr.includes('.') ? expr.slice(expr.indexOf('.') + 1) : expr;
        // An unnamed function column is called exprN, as SuiteQL names it.
        let as = fns?.length ? `expr${cols.length + 1}` : bare;
        if (this.kw('as')) as = this.ident();
        else if (this.peek()?.t === 'id' && this.peek()!.v.toLowerCase() !== 'from') as = this.ident();
        cols.push({ expr, as, ...(fns?.length ? { fns } : {}) });
      } while (this.op(','));
      columns = cols;
    }
    this.expectKw('from');
    const table = this.ident();
    const next = this.peek();
    if (next && next.t === 'id' && !['where', 'order'].includes(next.v.toLowerCase())) this.i++; // table alias
    const where: Pred[][] = [];
    if (this.kw('where')) {
      let group: Pred[] = [this.pred()];
      for (;;) {
        if (this.kw('and')) group.push(this.pred());
        else if (this.kw('or')) {
          where.push(group);
          group = [this.pred()];
        } else break;
      }
      where.push(group);
    }
    const order: Query['order'] = [];
    if (this.kw('order')) {
      this.expectKw('by');
      do {
        const col = this.ident();
        const desc = this.kw('desc');
        if (!desc) this.kw('asc');
        order.push({ col, desc });
      } while (this.op(','));
    }
    if (this.i !== this.toks.length) throw searchError('Unsupported or invalid SuiteQL: unexpected text after the query.');
    return { query: { table, columns, where, order }, paramCount: this.params };
  }
}

const bool = (v: unknown): string | undefined => (v === undefined ? undefined : v ? 'T' : 'F');
const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
/**
 * SuiteQL prints plain date columns in the user's date format; a fresh account (and this sandbox) uses M/D/YYYY,
 * e.g. startdate '3/1/2026'. TO_CHAR(startdate, 'YYYY-MM-DD') gives ISO dates.
 */
const suiteDate = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return m ? `${Number(m[2])}/${Number(m[3])}/${m[1]}` : undefined;
};

function isoDate(v: string): string | undefined {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (us) return `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
}

/** M/D/YYYY (as suiteDate prints it) in an Oracle date format model. */
function toChar(v: string, format: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (!m) throw searchError(`Invalid date for TO_CHAR: ${v}.`);
  const [mm, dd, yyyy] = [m[1].padStart(2, '0'), m[2].padStart(2, '0'), m[3]];
  return format.replace('YYYY', yyyy).replace('MM', mm).replace('DD', dd);
}

const TABLES: Record<string, { family: Family; types?: TypeName[]; columns: string[]; requires?: FeatureId }> = {
  accountingperiod: {
    family: 'accountingPeriod',
    requires: 'ACCOUNTINGPERIODS',
    columns: ['id', 'periodname', 'startdate', 'enddate', 'closed', 'isquarter', 'isyear', 'isadjust', 'isposting', 'isinactive', 'externalid', 'lastmodifieddate'],
  },
  customer: {
    family: 'entity',
    columns: ['id', 'entityid', 'companyname', 'altname', 'firstname', 'lastname', 'isperson', 'email', 'phone', 'comments', 'externalid', 'isinactive', 'subsidiary', 'currency', 'datecreated', 'lastmodifieddate'],
  },
  transaction: {
    family: 'transaction',
    columns: [
      'id', 'type', 'recordtype', 'tranid', 'trandate', 'externalid', 'entity', 'status', 'foreigntotal', 'foreignamountremaining',
      'foreignamountunpaid', 'foreignamountpaid', 'currency', 'exchangerate', 'memo', 'createddate', 'lastmodifieddate', 'posting',
      'voided', 'duedate', 'createdfrom', 'account',
    ],
  },
  item: {
    family: 'item',
    columns: ['id', 'itemid', 'fullname', 'displayname', 'description', 'itemtype', 'externalid', 'isinactive', 'incomeaccount', 'account'],
  },
  account: {
    family: 'account',
    columns: ['id', 'acctnumber', 'accountsearchdisplayname', 'fullname', 'displaynamewithhierarchy', 'accttype', 'sspecacct', 'currency', 'isinactive', 'externalid'],
  },
  currency: {
    family: 'currency',
    columns: ['id', 'name', 'symbol', 'displaysymbol', 'exchangerate', 'isbasecurrency', 'isinactive', 'currencyprecision', 'externalid'],
  },
  subsidiary: { family: 'subsidiary', requires: 'SUBSIDIARIES', columns: ['id', 'name', 'legalname', 'currency', 'isinactive', 'externalid', 'country'] },
};

export interface SuiteQlPage {
  links: Array<{ rel: string; href: string }>;
  count: number;
  hasMore: boolean;
  items: Array<Record<string, unknown>>;
  offset: number;
  totalResults: number;
}

export class SuiteQl {
  constructor(
    private readonly store: SandboxStore,
    private readonly rules: RecordRules,
  ) {}

  private row(table: string, rec: StoredRecord): Row {
    const f = rec.f;
    const common = { id: rec.id, externalid: str(f.externalId) };
    switch (table) {
      case 'customer':
        return {
          ...common,
          entityid: str(f.entityId),
          companyname: str(f.companyName),
          altname: str(f.companyName ?? [f.firstName, f.lastName].filter(Boolean).join(' ')),
          firstname: str(f.firstName),
          lastname: str(f.lastName),
          isperson: bool(f.isPerson),
          email: str(f.email),
          phone: str(f.phone),
          comments: str(f.comments),
          isinactive: bool(f.isInactive ?? false),
          subsidiary: str(f.subsidiary),
          currency: str(f.currency),
          datecreated: str(f.dateCreated),
          lastmodifieddate: str(f.lastModifiedDate),
        };
      case 'transaction': {
        const p = this.rules.precision(String(f.currency));
        const money = (v: unknown): string | undefined => (typeof v === 'number' ? minorToString(v, p) : undefined);
        const remaining = rec.type === 'invoice' ? f.amountRemaining : rec.type === 'customerPayment' || rec.type === 'creditMemo' ? f.unapplied : undefined;
        const paid = rec.type === 'invoice' ? f.amountPaid : rec.type === 'customerPayment' || rec.type === 'creditMemo' ? f.applied : undefined;
        return {
          ...common,
          type: typeDef(rec.type).tranType,
          recordtype: rec.type.toLowerCase(),
          tranid: str(f.tranId),
          trandate: suiteDate(f.tranDate),
          entity: str(f.entity ?? f.customer),
          status: str(f.status),
          foreigntotal: money(rec.type === 'customerPayment' ? f.payment : f.total),
          foreignamountremaining: money(remaining),
          foreignamountunpaid: money(remaining),
          foreignamountpaid: money(paid),
          currency: str(f.currency),
          exchangerate: str(f.exchangeRate),
          memo: str(f.memo),
          createddate: str(f.dateCreated),
          lastmodifieddate: str(f.lastModifiedDate),
          posting: 'T',
          voided: 'F',
          duedate: suiteDate(f.dueDate),
          createdfrom: str(f.createdFrom),
          account: str(f.account),
        };
      }
      case 'item':
        return {
          ...common,
          itemid: str(f.itemId),
          fullname: str(f.itemId),
          displayname: str(f.displayName),
          description: str(f.description),
          itemtype: str(f.itemType),
          isinactive: bool(f.isInactive ?? false),
          incomeaccount: str(f.incomeAccount),
          account: str(f.account),
        };
      case 'account':
        return {
          ...common,
          acctnumber: str(f.acctNumber),
          accountsearchdisplayname: this.rules.refName(rec),
          fullname: this.rules.refName(rec),
          displaynamewithhierarchy: this.rules.refName(rec),
          accttype: str(f.acctType),
          sspecacct: str(f.sSpecAcct),
          currency: str(f.currency),
          isinactive: bool(f.isInactive ?? false),
        };
      case 'accountingperiod':
        return {
          ...common,
          periodname: str(f.periodName),
          startdate: suiteDate(f.startDate),
          enddate: suiteDate(f.endDate),
          closed: bool(f.closed ?? false),
          isquarter: bool(f.isQuarter ?? false),
          isyear: bool(f.isYear ?? false),
          isadjust: bool(f.isAdjust ?? false),
          isposting: bool(f.isPosting ?? true),
          isinactive: bool(f.isInactive ?? false),
          lastmodifieddate: str(f.lastModifiedDate),
        };
      case 'currency':
        return {
          ...common,
          name: str(f.name),
          symbol: str(f.symbol),
          displaysymbol: str(f.displaySymbol),
          exchangerate: str(f.exchangeRate),
          isbasecurrency: bool(f.isBaseCurrency ?? false),
          isinactive: bool(f.isInactive ?? false),
          currencyprecision: str(f.currencyPrecision),
        };
      default:
        return {
          ...common,
          name: str(f.name),
          legalname: str(f.legalName),
          currency: str(f.currency),
          isinactive: bool(f.isInactive ?? false),
          country: str(f.country),
        };
    }
  }

  /** Records of the table; an equality on id or externalid is answered from the indexes, not a scan. */
  private candidates(table: string, where: Pred[][], params: string[]): StoredRecord[] {
    const def = TABLES[table];
    if (where.length === 1) {
      for (const p of where[0]) {
        if (p.op !== '=' || !('col' in p.a) || p.a.fns?.length || 'col' in p.b) continue;
        const col = p.a.col.replace(/^.*\./, '');
        const value = 'lit' in p.b ? p.b.lit : params[p.b.param];
        if (col === 'id') {
          const r = this.store.get(def.family, String(value));
          return r ? [r] : [];
        }
        if (col === 'externalid') {
          const types = [...TYPES.values()].filter((t) => t.family === def.family).map((t) => t.name);
          return types.map((t) => this.store.byExternalId(t, String(value))).filter((r): r is StoredRecord => !!r);
        }
      }
    }
    return this.store.allOfFamily(def.family);
  }

  run(q: string, params: unknown[], limit: number, offset: number, selfHref: string): SuiteQlPage {
    const { query, paramCount } = new Parser(tokenize(q)).parse();
    const found = TABLES[query.table];
    const def = found && (!found.requires || this.rules.features.has(found.requires)) ? found : undefined;
    if (!def) throw searchError(`Search error occurred: Record '${query.table}' was not found.`);
    if (params.length < paramCount) throw searchError('Search error occurred: not enough bound parameters.');
    const ps = params.map((p) => (p === null || p === undefined ? '' : String(p)));
    const colOf = (c: string): string => {
      const bare = c.replace(/^.*\./, '');
      if (!def.columns.includes(bare)) throw searchError(`Search error occurred: Field '${bare}' for record '${query.table}' was not found.`);
      return bare;
    };
    const value = (o: Operand, row: Row): string | undefined => {
      if ('lit' in o) return o.lit;
      if ('param' in o) return ps[o.param];
      const v = row[colOf(o.col)];
      if (v === undefined) return undefined;
      return (o.fns ?? []).reduce<string>((acc, fn) => {
        switch (fn.name) {
          case 'upper':
            return acc.toUpperCase();
          case 'lower':
            return acc.toLowerCase();
          case 'trim':
            return acc.trim();
          case 'replace':
            return acc.split(fn.from).join(fn.to);
          case 'to_char':
            return toChar(acc, fn.format);
        }
      }, v);
    };
    const cmp = (a: string, b: string): number => {
      // Dates (M/D/YYYY as printed, or an ISO literal) compare as dates, not as text.
      const ia = isoDate(a);
      const ib = isoDate(b);
      if (ia && ib) return ia < ib ? -1 : ia > ib ? 1 : 0;
      const na = Number(a);
      const nb = Number(b);
      if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
      return a < b ? -1 : a > b ? 1 : 0;
    };
    const test = (p: Pred, row: Row): boolean => {
      const a = value(p.a, row);
      if (p.op === 'null') return (a === undefined) !== p.not;
      if (a === undefined) return false;
      if (p.op === 'in') return p.list.some((o) => { const b = value(o, row); return b !== undefined && cmp(a, b) === 0; }) !== p.not;
      const b = value(p.b, row);
      if (b === undefined) return false;
      if (p.op === 'like') {
        const re = new RegExp(`^${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.')}$`, 's');
        return re.test(a);
      }
      const c = cmp(a, b);
      return p.op === '=' ? c === 0 : p.op === '!=' ? c !== 0 : p.op === '<' ? c < 0 : p.op === '>' ? c > 0 : p.op === '<=' ? c <= 0 : c >= 0;
    };
    // Validate every column name up front, even when no row reaches the predicate.
    for (const group of query.where) for (const p of group) for (const o of [p.a, ...('b' in p ? [p.b] : []), ...('list' in p ? p.list : [])]) if ('col' in o) colOf(o.col);
    for (const o of query.order) colOf(o.col);
    if (Array.isArray(query.columns)) for (const c of query.columns) colOf(c.expr);

    let rows = this.candidates(query.table, query.where, ps)
      .map((r) => this.row(query.table, r))
      .filter((row) => query.where.length === 0 || query.where.some((g) => g.every((p) => test(p, row))));
    if (query.order.length) {
      rows.sort((x, y) => {
        for (const o of query.order) {
          const a = x[colOf(o.col)] ?? '';
          const b = y[colOf(o.col)] ?? '';
          const c = cmp(a, b);
          if (c !== 0) return o.desc ? -c : c;
        }
        return 0;
      });
    } else {
      rows.sort((x, y) => Number(x.id) - Number(y.id));
    }
    let items: Array<Record<string, unknown>>;
    if (!Array.isArray(query.columns) && query.columns !== '*') {
      items = [{ links: [], [query.columns.count]: String(rows.length) }];
      rows = [];
    } else {
      const cols = query.columns;
      items = rows.map((row) => {
        const out: Record<string, unknown> = { links: [] };
        if (cols === '*') {
          for (const c of def.columns) if (row[c] !== undefined) out[c] = row[c];
        } else {
          for (const c of cols) {
            const v = value({ col: c.expr, ...(c.fns ? { fns: c.fns } : {}) }, row);
            if (v !== undefined) out[c.as] = v;
          }
        }
        return out;
      });
    }
    const totalResults = items.length;
    const page = items.slice(offset, offset + limit);
    const links = [{ rel: 'self', href: selfHref }];
    return { links, count: page.length, hasMore: offset + page.length < totalResults, items: page, offset, totalResults };
  }
}
