import { describe, expect, it } from 'vitest';
import { call } from './helpers.js';

describe('punycode (RFC 3492 §7.1 samples and documented examples)', () => {
  it.each([
    ['académie-française', 'acadmie-franaise-npb1a'],
    // RFC 3492 7.1 (A) Arabic (Egyptian) and (L) "3<nen>B<gumi><kinpachi><sensei>".
    ['\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F', 'egbpdaj6bu4bxfgehfvwxn'],
    ['3\u5E74B\u7D44\u91D1\u516B\u5148\u751F', '3B-ww4c5e180e575a65lsy2b'],
    ['abc', 'abc-'],
    ['ü', 'tda'],
  ])('%s ⇄ %s', (text, code) => {
    expect(call('punycode_from_string', [text], ['string'])).toBe(code);
    expect(call('punycode_to_string', [code], ['string'])).toBe(text);
  });
  it('gives "" for text that is not Punycode', () => {
    expect(call('punycode_to_string', ['abc-9!'], ['string'])).toBe('');
    expect(call('punycode_to_string', ['é-a'], ['string'])).toBe('');
  });
  it.each([
    ['Lê Lợi。Thuận Thiên。com', 'xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com'],
    ['Riðill｡Skáldskaparmál｡org', 'xn--Riill-jta.xn--Skldskaparml-dbbj.org'],
    ["Kaledvoulc'h.Artorījos.edu", "Kaledvoulc'h.xn--Artorjos-ejb.edu"],
  ])('punycode_domain_to_string(%s) = %s', (domain, code) => {
    expect(call('punycode_domain_to_string', [domain], ['string'])).toBe(code);
  });
  it.each([
    ['xn--Ge-mia.Bulg.edu', 'Gáe.Bulg.edu'],
    ['xn--Lin-8na.Celtchair.org', 'Lúin.Celtchair.org'],
    ['xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com', 'Rúyì.Jīngū.Bàng.com'],
    ['plain.example.com', 'plain.example.com'],
  ])('punycode_domain_from_string(%s) = %s', (code, domain) => {
    expect(call('punycode_domain_from_string', [code], ['string'])).toBe(domain);
  });
});

describe('punycode_domain_from_string outside the documentation', () => {
  it('gives "" when a label does not decode (documented: "an empty result if decoding failed")', () => {
    expect(call('punycode_domain_from_string', ['xn--abc-9!.com'], ['string'])).toBe('');
  });
  it.each([
    ['Gáe.Bulg.edu', 'punycode_domain_from_string() of text that is not ASCII'],
    ['xn--.com', "punycode_domain_from_string() of the label 'xn--', which decodes to ASCII only"],
    ['xn--abc-.com', "punycode_domain_from_string() of the label 'xn--abc-', which decodes to ASCII only"],
  ])('%s is refused', (text, message) => {
    expect(() => call('punycode_domain_from_string', [text], ['string'])).toThrow(`Not supported: ${message}.`);
  });
});
