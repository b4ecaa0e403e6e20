/**
 * A small reader for the XML S3 answers with (ListBucketResult, Error, DeleteResult, …): elements,
 * their text and their children, nothing more (no namespaces, no attributes). S3's documents are
 * plain, so a full XML parser would only add weight to every sandbox.
 *
 * @module
 */

/** One element: its name, child elements and its own text (entities decoded). */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const TOKEN =
  /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>|([^<]+)/g;

/** Parse `xml` into its root element; throws a SyntaxError for unbalanced tags or no root. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", children: [], text: "" };
  const stack: XmlElement[] = [root];
  for (const match of xml.matchAll(TOKEN)) {
    const [token, cdata, closing, name, selfClosing, text] = match;
    const current = stack[stack.length - 1];
    if (text !== undefined) current.text += decodeEntities(text);
    else if (cdata !== undefined) current.text += cdata;
    else if (name === undefined) continue;
    else if (closing) {
      if (current.name !== localName(name) || stack.length === 1) {
        throw new SyntaxError(`unexpected closing tag ${token}`);
      }
      stack.pop();
    } else {
      const element: XmlElement = { name: localName(name), children: [], text: "" };
      current.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (stack.length !== 1) throw new SyntaxError(`unclosed element <${stack.at(-1)!.name}>`);
  const element = root.children[0];
  if (!element) throw new SyntaxError("no root element");
  return element;
}

/** The direct children of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The text of the first direct child named `name`, or undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  return element.children.find((child) => child.name === name)?.text;
}

/** `text` with XML's special characters escaped, for building request documents. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (entity, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? entity;
  });
}
