/**
 * Focus and event helpers that also hold inside a shadow root (ShadowMount, the script-tag
 * embed), where `document.activeElement` is the shadow host and a document listener sees
 * `event.target` retargeted to it.
 */

/**
 * The document or shadow root holding `node`, whose `activeElement` is the focused element
 * in that tree. Take it while `node` is attached: a detached node's root is itself.
 */
export function rootOf(node: Node | null | undefined): Document | ShadowRoot {
  const root = node?.getRootNode();
  return root && 'activeElement' in root ? (root as Document | ShadowRoot) : document;
}

/** Where the event really began, inside any open shadow root. */
export function eventOrigin(event: Event): Node | null {
  return (event.composedPath()[0] ?? event.target) as Node | null;
}
