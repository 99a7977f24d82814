/** A tiny XML tree: enough to write IATI without a dependency, escaped and indented. */
export type XmlNode = {
  name: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  children?: (XmlNode | string)[];
};

/**
 * Escapes text and attribute values for XML.
 * @example escapeXml('R&D <"1">') // 'R&amp;D &lt;&quot;1&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text
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
