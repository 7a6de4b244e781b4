import { expect } from 'chai';
import { errorFromResponse, fieldOf, NetSuiteError } from '../../src/netsuite/errors.js';

describe('NetSuite errors', () => {
  it('derives the field from the detail, else from o:errorPath', () => {
    expect(fieldOf('You have entered an Invalid Field Value 53384 for the following field: customer', 'expense.items[2]')).to.equal('customer');
    expect(fieldOf('Invalid', 'item.items[0].item')).to.equal('item');
    expect(fieldOf('Invalid', 'apply.items[3].doc')).to.equal('doc');
    expect(fieldOf('Invalid', 'expense.items[2]')).to.equal('expense');
    expect(fieldOf('Invalid')).to.equal(undefined);
  });

  const cases: Array<[number, string, string, boolean]> = [
    [401, 'INVALID_LOGIN', 'auth', false],
    [404, 'NONEXISTENT_ID', 'not_found', false],
    [429, 'CONCURRENCY_LIMIT_EXCEEDED', 'concurrency', true],
    [500, 'UNEXPECTED_ERROR', 'server', true],
    [400, 'USER_ERROR', 'validation', false],
  ];
  for (const [status, code, kind, retryable] of cases) {
    it(`${status} ${code} → ${kind}${retryable ? ', retryable' : ''}`, () => {
      const body = { status, 'o:errorCode': status === 429 ? 'USER_ERROR' : undefined, 'o:errorDetails': [{ detail: 'd', 'o:errorCode': code }] };
      const e = errorFromResponse(status, JSON.stringify(body), { method: 'GET', recordType: 'invoice', externalId: 'in_1' });
      expect(e).to.be.instanceOf(NetSuiteError);
      expect(e).to.include({ status, code, kind, retryable, recordType: 'invoice', externalId: 'in_1' });
      expect(e.message).to.equal(`NetSuite GET invoice externalId in_1 failed: ${status} ${code}: d`);
    });
  }

  it('a body that is not JSON still gives a usable error', () => {
    const e = errorFromResponse(502, '<html>Bad Gateway</html>', { recordType: 'deposit' });
    expect(e).to.include({ code: 'HTTP_502', kind: 'server', retryable: true });
    expect(e.detail).to.equal('<html>Bad Gateway</html>');
  });
});
