/**
 * What a conversation is about, as a host puts it in `metadata.context`: the
 * listing, order or ticket the chat belongs to. ChatWindow draws it under
 * the header when it has this shape.
 */
export interface ConversationContextInfo {
  /** What it is, e.g. the listing's title. */
  title: string;
  /** A second line, e.g. the price. */
  subtitle?: string;
  /** A picture (http or https); drawn at a fixed size. */
  imageUrl?: string;
  /** Where the title links to (http or https); opened in a new tab. */
  url?: string;
}

const maxTitle = 200;

/**
 * `metadata.context` when it has the documented shape, else null: a title
 * (1 to 200 characters), optional subtitle, and image and link URLs that
 * are http or https. Anything else (a `javascript:` link, a number for a
 * title) is not drawn at all, rather than drawn in part.
 */
export function contextOf(metadata: Record<string, unknown> | null | undefined) {
  const value = metadata?.context;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { title, subtitle, imageUrl, url } = value as Record<string, unknown>;
  if (typeof title !== 'string' || title.trim() === '' || title.length > maxTitle) return null;
  if (subtitle !== undefined && (typeof subtitle !== 'string' || subtitle.length > maxTitle))
    return null;
  if (imageUrl !== undefined && !isWebUrl(imageUrl)) return null;
  if (url !== undefined && !isWebUrl(url)) return null;
  return { title, subtitle, imageUrl, url } as ConversationContextInfo;
}

function isWebUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
