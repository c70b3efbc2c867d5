'use client';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type ReactNode,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import { createPortal } from 'react-dom';
import { useIsomorphicLayoutEffect } from '../utils/use-isomorphic-layout-effect';

/** Props of `ShadowMount`: the stylesheet to put in the shadow root, plus the host div's. */
export interface ShadowMountProps extends ComponentPropsWithoutRef<'div'> {
  /**
   * Banter's stylesheet as text, put inside the shadow root, e.g. with Vite
   * `import styles from '@banter/react/styles.css?inline'`. Or use `href`.
   */
  styles?: string;
  /** Or the stylesheet's URL (Vite: `import href from '@banter/react/styles.css?url'`), linked inside the shadow root. */
  href?: string;
  /** What to render inside the shadow root, usually a Banter component. */
  children?: ReactNode;
}

/*
 * The host element takes part in the page's cascade: the page's `* { all: revert }` or
 * `div { … }` match it, and whatever it inherits flows on into the shadow tree. An `!important`
 * declaration from inside the shadow root beats every declaration of the page on its host
 * (CSS Cascade 4, context), so this one line stops inheritance at the boundary. `all` leaves
 * custom properties and `direction` alone: a right-to-left page stays right-to-left.
 * `display: contents` lets the content size and position itself as if the host were not there.
 */
const hostReset = ':host{all:initial!important;display:contents!important}';

/**
 * Renders its children inside a shadow root, so the host page's CSS cannot reach
 * them and Banter's stylesheet cannot reach the page. Put Banter's stylesheet in
 * with `styles` (text) or `href` (URL): the page's copy does not apply in here.
 * Theme the parts inside through `::part()` or by passing `--banter-*` variables
 * in `styles`. React context (the ChatProvider) passes through as usual.
 *
 * @example
 * import styles from '@banter/react/styles.css?inline';
 * <ChatProvider client={client}><ShadowMount styles={styles}><ChatWidget /></ShadowMount></ChatProvider>
 */
export const ShadowMount = forwardRef<HTMLDivElement, ShadowMountProps>(function ShadowMount(
  { styles, href, children, ...props },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => host.current as HTMLDivElement);
  const [root, setRoot] = useState<ShadowRoot | null>(null);

  // A host can hold one shadow root for its whole life: reuse it (Strict Mode mounts twice).
  useIsomorphicLayoutEffect(() => {
    const element = host.current;
    if (element) setRoot(element.shadowRoot ?? element.attachShadow({ mode: 'open' }));
  }, []);

  return (
    <div ref={host} data-banter-shadow="" {...props}>
      {root &&
        createPortal(
          <>
            <style>{hostReset}</style>
            {href && <link rel="stylesheet" href={href} />}
            {styles && <style>{styles}</style>}
            {children}
          </>,
          root,
        )}
    </div>
  );
});
