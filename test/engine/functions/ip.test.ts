import { describe, expect, it } from 'vitest';
import { call, resultTypeOf } from './helpers.js';

const LOG = '05:04:54 127.0.0.1 GET /favicon.ico 404';

describe('has_ipv4 / has_ipv4_prefix (documented examples)', () => {
  it.each([
    [LOG, '127.0.0.1', true],
    ['05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.0.256', false],
    ['05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1', false],
    ['These requests came from: 192.168.1.1, 10.1.1.115 and 10.1.1.201', '10.1.1.115', true],
    ['host127.0.0.1', '127.0.0.1', false],
    [LOG, '127.0.0', false],
  ])('has_ipv4(%j, %j) = %s', (s, ip, expected) => {
    expect(call('has_ipv4', [s, ip], ['string', 'string'])).toBe(expected);
  });
  it.each([
    // Documented: addresses "properly delimited with non-alphanumeric characters".
    ['from: 192.168.1.1, 10.1.1.115.', '10.1.1.115', true],
    ['x_1.2.3.4_y', '1.2.3.4', true],
  ])('has_ipv4(%j, %j) = %s (non-alphanumeric delimiters)', (s, ip, expected) => {
    expect(call('has_ipv4', [s, ip], ['string', 'string'])).toBe(expected);
  });
  it.each([
    ['x 1.2.3.4.5 y', '1.2.3.4', "where '1.2.3.4.5' is not a plainly delimited dotted quad"],
    ['x 01.2.3.4 y', '1.2.3.4', "where '01.2.3.4' is not a plainly delimited dotted quad"],
    ['a.1.2.3.4', '1.2.3.4', "where '1.2.3.4' is not a plainly delimited dotted quad"],
    ['é1.2.3.4', '1.2.3.4', "where '1.2.3.4' is not a plainly delimited dotted quad"],
    ['x 1.2.3.4', '01.2.3.4', "with a leading zero ('01.2.3.4')"],
  ])('has_ipv4(%j, %j) is refused: the documentation does not say how such text is read', (s, ip, message) => {
    expect(() => call('has_ipv4', [s, ip], ['string', 'string'])).toThrow(message);
  });
  it.each([
    [LOG, '127.0.', true],
    [LOG, '127.0', false],
    [LOG, '127.0.0.1', true],
    ['05:04:54 127.0.0.256 GET /favicon.ico 404', '127.0.', false],
    ['05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.', false],
    [LOG, '12.', false],
  ])('has_ipv4_prefix(%j, %j) = %s', (s, p, expected) => {
    expect(call('has_ipv4_prefix', [s, p], ['string', 'string'])).toBe(expected);
  });
  it('has_any_ipv4 and has_any_ipv4_prefix take strings or an array', () => {
    expect(call('has_any_ipv4', [LOG, '127.0.0.1', '127.0.0.2'], ['string', 'string', 'string'])).toBe(true);
    expect(call('has_any_ipv4', [LOG, ['10.0.0.1']], ['string', 'dynamic'])).toBe(false);
    expect(call('has_any_ipv4_prefix', [LOG, '127.0.', '192.168.'], ['string', 'string', 'string'])).toBe(true);
    expect(call('has_any_ipv4_prefix', [LOG, ['127.0.', '192.168.']], ['string', 'dynamic'])).toBe(true);
    expect(call('has_any_ipv4_prefix', ['05:04:54127.0.0.1 GET', '127.0.', '192.'], ['string', 'string', 'string'])).toBe(false);
    expect(resultTypeOf('has_any_ipv4', ['string', 'long'])).toMatch(/strings or a dynamic array/);
  });
});

describe('parse_ipv4', () => {
  it.each([
    ['192.168.1.1', 3232235777n],
    ['192.168.1.1/24', 3232235776n],
    ['255.255.255.255/31', 4294967294n],
    ['0.0.0.0', 0n],
    ['10.0.0.1/0', 0n],
    ['127.0.0.256', null],
    ['1.2.3.4/33', null],
    ['not an ip', null],
  ])('parse_ipv4(%j) = %s', (s, expected) => {
    expect(call('parse_ipv4', [s], ['string'])).toBe(expected);
  });
  // "If conversion isn't successful, the result is null" does not say which of these convert.
  it.each([
    ['1.2.3', "IPv4 text '1.2.3' (only four decimal parts without leading zeros are documented)"],
    ['3232235777', "IPv4 text '3232235777' (only four decimal parts without leading zeros are documented)"],
    ['010.0.0.1', "IPv4 text '010.0.0.1' (only four decimal parts without leading zeros are documented)"],
    ['10.0.0.1/08', "IPv4 text '10.0.0.1/08' (only four decimal parts without leading zeros are documented)"],
    ['0x7f.0.0.1', "IPv4 text '0x7f.0.0.1' (only four decimal parts without leading zeros are documented)"],
    ['1.2.3.4.5', "IPv4 text '1.2.3.4.5' (only four decimal parts without leading zeros are documented)"],
    [' 1.2.3.4', "IPv4 text with surrounding spaces (' 1.2.3.4')"],
  ])('parse_ipv4(%j) is refused', (s, message) => {
    expect(() => call('parse_ipv4', [s], ['string'])).toThrow(`Not supported: ${message}.`);
  });
});

describe('ipv4_compare / ipv4_is_match / ipv4_is_in_range (documented examples)', () => {
  it.each([
    ['192.168.1.0', '192.168.1.0', undefined, 0n],
    ['192.168.1.1/24', '192.168.1.255', undefined, 0n],
    ['192.168.1.1', '192.168.1.255/24', undefined, 0n],
    ['192.168.1.1/30', '192.168.1.255/24', undefined, 0n],
    ['192.168.1.1', '192.168.1.0', 31n, 0n],
    ['192.168.1.1/24', '192.168.1.255', 31n, 0n],
    ['192.168.1.1', '192.168.1.255', 24n, 0n],
    ['192.168.1.1', '192.168.1.2', undefined, -1n],
    ['192.168.2.1', '192.168.1.255', undefined, 1n],
    ['192.168.1.1', 'nope', undefined, null],
  ])('ipv4_compare(%j, %j, %s) = %s', (a, b, p, expected) => {
    const args = p === undefined ? [a, b] : [a, b, p];
    const types = p === undefined ? ['string', 'string'] as const : ['string', 'string', 'long'] as const;
    expect(call('ipv4_compare', args, [...types])).toBe(expected);
    expect(call('ipv4_is_match', args, [...types])).toBe(expected === null ? null : expected === 0n);
  });
  it.each([
    ['192.168.1.1', '192.168.1.1', true],
    ['192.168.1.1', '192.168.1.255/24', true],
    ['192.168.1.6', '192.168.1.1/24', true],
    ['192.168.1.1', '192.168.2.1/24', false],
    ['10.1.2.3/8', '10.0.0.0/16', true],
    ['192.168.1.1', 'x', null],
  ])('ipv4_is_in_range(%j, %j) = %s', (ip, range, expected) => {
    expect(call('ipv4_is_in_range', [ip, range], ['string', 'string'])).toBe(expected);
  });
  it('ipv4_is_in_any_range takes ranges as strings or an array', () => {
    expect(call('ipv4_is_in_any_range', ['10.1.2.3', '192.168.0.0/16', '10.0.0.0/8'], ['string', 'string', 'string'])).toBe(true);
    expect(call('ipv4_is_in_any_range', ['10.1.2.3', ['192.168.0.0/16']], ['string', 'dynamic'])).toBe(false);
  });
});

describe('ipv4_range_to_cidr_list', () => {
  it.each([
    ['1.1.128.0', '1.1.140.255', ['1.1.128.0/21', '1.1.136.0/22', '1.1.140.0/24']],
    ['10.0.0.0', '10.0.0.0', ['10.0.0.0/32']],
    ['0.0.0.0', '255.255.255.255', ['0.0.0.0/0']],
    ['10.0.0.1', '10.0.0.6', ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']],
    ['10.0.0.2', '10.0.0.1', null],
  ])('%s–%s', (a, b, expected) => {
    expect(call('ipv4_range_to_cidr_list', [a, b], ['string', 'string'])).toEqual(expected);
  });
});

describe('IPv6 comparisons (documented examples)', () => {
  it.each([
    ['192.168.1.1', '192.168.1.1', undefined, true],
    ['192.168.1.1/24', '192.168.1.255', undefined, true],
    ['fe80::85d:e82c:9446:7994/120', 'fe80::85d:e82c:9446:7998', undefined, true],
    ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7998', undefined, false],
    ['192.168.1.1', '::ffff:c0a8:0101', undefined, true],
    ['::192.168.1.1/30', '192.168.1.255/24', undefined, true],
    ['fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127n, true],
    ['::ffff:c0a8:0101', '192.168.1.255', 120n, true],
    ['1::2::3', '::', undefined, null],
    ['1:2:3:4:5:6:7', '::', undefined, null],
  ])('ipv6_is_match(%j, %j, %s) = %s', (a, b, p, expected) => {
    const args = p === undefined ? [a, b] : [a, b, p];
    const types = p === undefined ? ['string', 'string'] as const : ['string', 'string', 'long'] as const;
    expect(call('ipv6_is_match', args, [...types])).toBe(expected);
  });
  it('orders by address', () => {
    expect(call('ipv6_compare', ['::1', '::2'], ['string', 'string'])).toBe(-1n);
    expect(call('ipv6_compare', ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:7'], ['string', 'string'])).toBe(1n);
  });
  it.each([
    ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112', true],
    ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', true],
    ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60', false],
  ])('ipv6_is_in_range(%j, %j) = %s', (ip, range, expected) => {
    expect(call('ipv6_is_in_range', [ip, range], ['string', 'string'])).toBe(expected);
  });
  it('ipv6_is_in_any_range', () => {
    const ranges = ['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', '0:0:0:0:0:ffff:c0a8:ac/60'];
    expect(call('ipv6_is_in_any_range', ['a5e:f127:8a9d:146d:e102:b5d3:c755:abcf', ranges], ['string', 'dynamic'])).toBe(true);
    expect(call('ipv6_is_in_any_range', ['a5e:f127:8a9d:146d:e102:b5d3:c756:abd1', ranges], ['string', 'dynamic'])).toBe(false);
  });
});
