export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string };

// http(s) URLs only; trailing punctuation that usually ends a sentence is left out of the link.
const urlPattern = /\bhttps?:\/\/[^\s<>"']+/gi;
const trailing = /[.,;:!?)\]}'"]+$/;

/**
 * Splits message text into plain text and http(s) links. Nothing here is
 * HTML: components render the parts as text nodes and anchors, so markup in
 * a message is shown as typed, never interpreted.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let index = 0;
  for (const match of text.matchAll(urlPattern)) {
    const start = match.index ?? 0;
    let url = match[0];
    const cut = trailing.exec(url);
    if (cut) url = url.slice(0, cut.index);
    if (!isHttpUrl(url)) continue;
    if (start > index) parts.push({ kind: 'text', text: text.slice(index, start) });
    parts.push({ kind: 'link', text: url, href: url });
    index = start + url.length;
  }
  if (index < text.length) parts.push({ kind: 'text', text: text.slice(index) });
  return parts;
}

export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
