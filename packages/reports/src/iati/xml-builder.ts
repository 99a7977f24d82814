/** A tiny XML tree: enough to write IATI without a dependency, escaped and indented. */
export type XmlNode = {
  name: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: (XmlNode | string)[];
};

/**
 * The characters XML 1.0 forbids anywhere in a document, even escaped: the C0 controls but tab,
 * line feed and carriage return, U+FFFE and U+FFFF, and halves of a surrogate pair standing alone.
 * The API refuses them in every text it is given; the renderers drop them as a second guard.
 */
export const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const XML_FORBIDDEN_ALL = new RegExp(XML_FORBIDDEN.source, 'g');

/**
 * Escapes text and attribute values for XML, dropping what XML 1.0 forbids (a file xmllint
 * rejects helps nobody; the API keeps such characters out of the data in the first place).
 * @example escapeXml('R&D <"1">\u0001') // 'R&amp;D &lt;&quot;1&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN_ALL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Builds an element; attributes left undefined are dropped. */
export function el(
  name: string,
  attrs: XmlNode['attrs'] = {},
  children: (XmlNode | string | null | undefined | false)[] = [],
): XmlNode {
  return {
    name,
    attrs,
    children: children.filter(
      (c): c is XmlNode | string => c !== null && c !== undefined && c !== false,
    ),
  };
}

/** Serialises a tree with two-space indentation (text-only elements stay on one line). */
export function serializeXml(node: XmlNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const children = node.children ?? [];
  if (children.length === 0) return `${pad}<${node.name}${attrs}/>`;
  if (children.every((c) => typeof c === 'string'))
    return `${pad}<${node.name}${attrs}>${escapeXml(children.join(''))}</${node.name}>`;
  const inner = children
    .map((c) => (typeof c === 'string' ? `${pad}  ${escapeXml(c)}` : serializeXml(c, depth + 1)))
    .join('\n');
  return `${pad}<${node.name}${attrs}>\n${inner}\n${pad}</${node.name}>`;
}
