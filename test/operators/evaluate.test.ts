/** `evaluate` plugins: rows_near, ipv4_lookup, ipv6_lookup; the others are refused by name. */
import { describe, expect, it } from 'vitest';
import { expectTable, queryError, run, table } from '../helpers/table.js';

const T = table({ n: { type: 'long', values: [1, 2, 3, 4, 5, 6, 7, 8] } });
const Nets = table({
  network: { type: 'string', values: ['10.0.0.0/8', '192.168.1.0/24', '2001:db8::/32'] },
  site: { type: 'string', values: ['lan', 'office', 'v6'] },
});
const Ips = table({ ip: { type: 'string', values: ['10.1.2.3', '192.168.1.9', '8.8.8.8', '2001:db8::1'] } });
const tables = { T, Nets, Ips };

describe('evaluate', () => {
  it.each([
    // Rows 3 and 7 are hits; 1 row before and 2 after each, each row once, in input order.
    ['T | sort by n asc | evaluate rows_near(n % 4 == 3, 1, 2)', [2n, 3n, 4n, 5n, 6n, 7n, 8n]],
    ['T | sort by n asc | evaluate rows_near(n == 1, 2)', [1n, 2n, 3n]],
    ['T | sort by n asc | evaluate rows_near(n > 100, 2)', []],
  ])('%s', async (query, ns) => {
    expectTable(await run(query, tables), { columns: ['n:long'], rows: ns.map((x) => [x]), ordered: true });
  });

  it('ipv4_lookup appends the matching network\'s columns and drops unmatched rows', async () => {
    expectTable(await run('Ips | evaluate ipv4_lookup(Nets, ip, network)', tables), {
      columns: ['ip:string', 'network:string', 'site:string'],
      rows: [['10.1.2.3', '10.0.0.0/8', 'lan'], ['192.168.1.9', '192.168.1.0/24', 'office']],
    });
  });

  it('ipv4_lookup with return_unmatched keeps the others with empty lookup columns', async () => {
    expectTable(await run('Ips | evaluate ipv4_lookup(Nets, ip, network, return_unmatched = true)', tables), {
      columns: ['ip:string', 'network:string', 'site:string'],
      rows: [['10.1.2.3', '10.0.0.0/8', 'lan'], ['192.168.1.9', '192.168.1.0/24', 'office'], ['8.8.8.8', '', ''], ['2001:db8::1', '', '']],
    });
  });

  it('ipv6_lookup puts the lookup columns first', async () => {
    expectTable(await run('Ips | evaluate ipv6_lookup(Nets, ip, network)', tables), {
      columns: ['network:string', 'site:string', 'ip:string'],
      rows: [['10.0.0.0/8', 'lan', '10.1.2.3'], ['192.168.1.0/24', 'office', '192.168.1.9'], ['2001:db8::/32', 'v6', '2001:db8::1']],
    });
  });

  it.each([
    ['T | evaluate pivot(x)', "Not supported: the plugin 'pivot'."],
    ['T | evaluate rows_near(n == 1, 2)', "Not supported: 'rows_near' over rows in no defined order."],
    ['Ips | evaluate ipv4_lookup(Nets, ip, network, extra = 1)', "Not supported: the argument 'extra' of the plugin 'ipv4_lookup'."],
  ])('%s is refused', async (query, message) => {
    expect((await queryError(query, tables)).message).toContain(message);
  });

  it('refuses an address inside several networks', async () => {
    const Two = table({ network: { type: 'string', values: ['10.0.0.0/8', '10.1.0.0/16'] } });
    expect((await queryError('Ips | evaluate ipv4_lookup(Two, ip, network)', { Ips, Two })).message)
      .toContain("which is in several networks of the lookup table");
  });
});
