import { describe, expect, it } from 'vitest';
import { dynToJson, type DynValue } from '../../../src/engine/dynamic.js';
import { call, callTyped } from './helpers.js';

describe('url_encode / url_decode (engine results)', () => {
  it('encodes like .NET HttpUtility', () => {
    expect(call('url_encode', ['https://www.bing.com/hello world'], ['string'])).toBe('https%3a%2f%2fwww.bing.com%2fhello+world');
    expect(call('url_encode', ['a-b_c.d!e*f(g)h~i\'j'], ['string'])).toBe('a-b_c.d!e*f(g)h%7ei%27j');
    expect(call('url_encode', ['é'], ['string'])).toBe('%c3%a9');
  });
  it('decodes', () => {
    expect(call('url_decode', ['https%3a%2f%2fwww.bing.com%2f'], ['string'])).toBe('https://www.bing.com/');
    expect(call('url_decode', ['hello+world%21'], ['string'])).toBe('hello world!');
    expect(call('url_decode', ['%c3%a9%u00e9'], ['string'])).toBe('éé');
    expect(call('url_decode', ['100%'], ['string'])).toBe('100%');
    expect(call('url_decode', ['%zz'], ['string'])).toBe('%zz');
  });
});

describe('base64 (engine results)', () => {
  it('round-trips UTF-8 text', () => {
    expect(call('base64_encode_tostring', ['Kusto'], ['string'])).toBe('S3VzdG8=');
    expect(call('base64_decode_tostring', ['S3VzdG8='], ['string'])).toBe('Kusto');
  });
  it('gives "" for bytes that are not UTF-8 or text that is not base64', () => {
    expect(call('base64_decode_tostring', ['U3RyaW5n0KHR0tGA0L7Rh9C60LA='], ['string'])).toBe('');
    expect(call('base64_decode_tostring', ['abc'], ['string'])).toBe('');
    expect(call('base64_decode_tostring', ['!!!!'], ['string'])).toBe('');
  });
});

describe('parse_url (kql-notes §9.4 and engine quirks)', () => {
  const url = (s: string) => dynToJson(call('parse_url', [s], ['string']) as DynValue);
  it('splits every part, Port as a string and Path with its slash', () => {
    expect(callTyped('parse_url', ['scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment'], ['string']).type).toBe('dynamic');
    expect(url('scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment')).toBe(
      '{"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path","Username":"username",'
      + '"Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"}');
    expect(url('https://example.invalid:443/Path?key=Value')).toBe(
      '{"Scheme":"https","Host":"example.invalid","Port":"443","Path":"/Path","Username":"","Password":"",'
      + '"Query Parameters":{"key":"Value"},"Fragment":""}');
  });
  it('reproduces the engine quirks', () => {
    const part = (s: string, k: string) => (call('parse_url', [s], ['string']) as Map<string, DynValue>).get(k);
    expect(part('https://user@h.io/p', 'Host')).toBe('user@h.io');
    expect(part('https://user@h.io/p', 'Username')).toBe('');
    expect(part('https://u:p@h.io/x', 'Username')).toBe('u');
    expect(part('https://u:p@h.io/x', 'Password')).toBe('p');
    expect(part('https://[::1]:80/p', 'Host')).toBe('[::1]');
    expect(part('https://[::1]:80/p', 'Port')).toBe('80');
    expect(part('ldap://[2001:db8::7]/c=GB', 'Host')).toBe('[2001:db8:');
    expect(part('ldap://[2001:db8::7]/c=GB', 'Port')).toBe('7]');
    expect(part('https://h.io/', 'Path')).toBe('');
    expect(part('https://h.io/?x=1', 'Path')).toBe('/');
    expect(part('https://h.io/#', 'Path')).toBe('/');
    expect(part('https://h.io/a%20b', 'Path')).toBe('/a%20b');
    expect(part('HTTPS://H.IO/P', 'Scheme')).toBe('HTTPS');
    expect(dynToJson(part('https://h.io/p?y=2&x=1', 'Query Parameters')!)).toBe('{"x":"1","y":"2"}');
    expect(dynToJson(part('https://h.io/p?x=1&y=2&x=3', 'Query Parameters')!)).toBe('{"x":["1","3"],"y":"2"}');
    for (const u of ['https://h.io/p?k=', 'https://h.io/p?=v', 'https://h.io/p?flag']) {
      expect(dynToJson(part(u, 'Query Parameters')!)).toBe('{}');
    }
  });
  it.each(['not a url', '', '//h.io/p', 'mailto:someone@example.com', 'tel:+1-816-555-1212'])('gives all-empty parts for %o', (s) => {
    expect(url(s)).toBe('{"Scheme":"","Host":"","Port":"","Path":"","Username":"","Password":"","Query Parameters":{},"Fragment":""}');
  });
  it('parse_urlquery', () => {
    expect(dynToJson(call('parse_urlquery', ['k1=v1&k2=v2&k3=v3'], ['string']) as DynValue))
      .toBe('{"Query Parameters":{"k1":"v1","k2":"v2","k3":"v3"}}');
    const q = call('parse_urlquery', ['view=vs-2019&preserve-view=true'], ['string']) as Map<string, Map<string, DynValue>>;
    expect(q.get('Query Parameters')!.get('view')).toBe('vs-2019');
    expect(q.get('Query Parameters')!.get('preserve-view')).toBe('true');
  });
});

describe('hashes (engine results)', () => {
  it('hash / hash_xxhash64 is XXH64', () => {
    expect(callTyped('hash', ['World'], ['string'])).toEqual({ value: 1846988464401551951n, type: 'long' });
    expect(call('hash', ['Hello'], ['string'])).toBe(753694413698530628n);
    expect(call('hash_xxhash64', ['World'], ['string'])).toBe(1846988464401551951n);
    // datetime("2015-01-01")
    expect(call('hash_xxhash64', [635556672000000000n], ['datetime'])).toBe(1380966698541616202n);
  });
  it('digests the string form; "" gives ""', () => {
    expect(call('hash_md5', ['World'], ['string'])).toBe('f5a7924e621e84c9280a9a27e1bcb7f6');
    expect(call('hash_md5', [637134336000000000n], ['datetime'])).toBe('786c530672d1f8db31fee25ea8a9390b');
    expect(call('hash_md5', [123n], ['long'])).toBe('202cb962ac59075b964b07152d234b70');
    expect(call('hash_md5', [true], ['bool'])).toBe('f827cf462f62848df37c5e1e94a4da74');
    expect(call('hash_md5', [false], ['bool'])).toBe('f8320b26d30ab433c5a54546d21f414c');
    expect(call('hash_sha1', ['abc'], ['string'])).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('hash_sha256', ['abc'], ['string'])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(call('hash_sha256', [637134336000000000n + 864_000_000_000n], ['datetime']))
      .toBe('94eb8ad4999be93fc5d8b45515b10957dc086abb7e9afdfb52e7e402d8bf43c2');
    expect(call('hash_md5', [''], ['string'])).toBe('');
    expect(call('hash_sha1', [null], ['long'])).toBe('');
  });
});

describe('url_encode_component, base64 arrays and guids, decompression (documented examples)', () => {
  it('url_encode_component writes spaces as %20', () => {
    expect(call('url_encode_component', ['https://www.bing.com/hello world/'], ['string']))
      .toBe('https%3a%2f%2fwww.bing.com%2fhello%20world%2f');
  });
  it.each([
    ['S3VzdG8=', [75n, 117n, 115n, 116n, 111n]],
    ['', []],
    ['U3RyaW5n0KHR0tGA0L7Rh9C60LA', null],
  ])('base64_decode_toarray(%j)', (s, expected) => {
    expect(call('base64_decode_toarray', [s], ['string'])).toEqual(expected);
  });
  it.each([
    [[75n, 117n, 115n, 116n, 111n], 'S3VzdG8='],
    [null, ''],
    [[256n], ''],
  ])('base64_encode_fromarray(%s)', (a, expected) => {
    expect(call('base64_encode_fromarray', [a], ['dynamic'])).toBe(expected);
  });
  it('base64 guids use .NET byte order', () => {
    expect(call('base64_encode_fromguid', ['ae3133f2-6e22-49ae-b06a-16e6a9b212eb'], ['guid'])).toBe('8jMxriJurkmwahbmqbIS6w==');
    expect(call('base64_decode_toguid', ['abcd1231'], ['string'])).toBe(null);
  });
  it('refuses to decode a GUID: the documented example (…-bc2b-754c-…) is not .NET\'s byte order (…-bc2b-4c75-…)', () => {
    expect(() => call('base64_decode_toguid', ['JpbpECu8dUy7Pv5gbeJXAA=='], ['string']))
      .toThrow("Not supported: base64_decode_toguid() of a GUID's base64");
  });
  it.each([
    // The documented gzip_compress_to_base64_string("1234567890qwertyuiop") output.
    ['H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==', '1234567890qwertyuiop'],
    ['x0x0x0', ''],
    ['S3VzdG8=', ''],
  ])('gzip_decompress_from_base64_string(%j)', (s, expected) => {
    expect(call('gzip_decompress_from_base64_string', [s], ['string'])).toBe(expected);
  });
  it('zlib_decompress_from_base64_string', () => {
    // zlib stream of "hello" (RFC 1950 header 78 9c, then the deflate data and Adler-32 checksum).
    expect(call('zlib_decompress_from_base64_string', ['eJzLSM3JyQcABiwCFQ=='], ['string'])).toBe('hello');
    expect(call('zlib_decompress_from_base64_string', ['eJzLSM3'], ['string'])).toBe('');
  });
});
