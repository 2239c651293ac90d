/**
 * A strict reader for the XML subset reports use (declaration, elements, quoted attributes, text, the five
 * predefined entities and numeric references): it throws on anything not well-formed, so a test that reads
 * a report also checks it is well-formed.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string, at: number): string {
  if (/[<]/.test(s)) throw new Error(`'<' in text or attribute near offset ${at}`);
  return s.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare '&' near offset ${at}`);
    if (ENTITIES[ref] !== undefined) return ENTITIES[ref];
    const n = /^#x([0-9a-f]+)$/i.exec(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? Number(ref.slice(1)) : NaN;
    if (Number.isNaN(n)) throw new Error(`unknown entity '${whole}' near offset ${at}`);
    return String.fromCodePoint(n);
  });
}

export function parseXml(xml: string): XmlElement {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(xml)) throw new Error('a control character XML 1.0 forbids');
  const body = xml.replace(/^<\?xml [^?]*\?>\s*/, '');
  const token = /<\/([A-Za-z_][\w.:-]*)\s*>|<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let m: RegExpExecArray | null;
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    m = token.exec(body);
    if (!m) throw new Error(`not well-formed near offset ${at}: ${body.slice(at, at + 40)}`);
    const [, close, open, attrs, selfClosing, text] = m;
    if (text !== undefined) {
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`text outside the root element near offset ${at}`);
        continue;
      }
      stack[stack.length - 1].text += decode(text, at);
    } else if (close !== undefined) {
      const top = stack.pop();
      if (top?.name !== close) throw new Error(`</${close}> closes <${top?.name}> near offset ${at}`);
    } else {
      if (stack.length === 0 && root) throw new Error(`a second root element near offset ${at}`);
      const attributes: Record<string, string> = {};
      for (const a of attrs.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)) {
        if (a[1] in attributes) throw new Error(`duplicate attribute ${a[1]} near offset ${at}`);
        attributes[a[1]] = decode(a[2].replace(/[\t\n\r]/g, ' '), at); // attribute-value normalisation
      }
      const el: XmlElement = { name: open, attributes, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else root = el;
      if (!selfClosing) stack.push(el);
    }
  }
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack[stack.length - 1]?.name}>`);
  return root;
}
