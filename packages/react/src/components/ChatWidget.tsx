'use client';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useUnreadTotal } from '../hooks/use-unread-total';
import { useStrings } from '../i18n/strings-context';
import { useBanterContext } from '../provider/context';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { ChatWindow } from './ChatWindow';
import { ConversationList } from './ConversationList';
import type { MessageTarget } from './search/message-target';

/** The widget's corner, open state, open conversation and look, plus its root div's props. */
export interface ChatWidgetProps extends Omit<ComponentPropsWithoutRef<'div'>, 'title'> {
  /** The panel's title over the conversation list. Default `strings.chatTitle`. */
  title?: string;
  /** The corner the launcher floats in (`data-position`). Default `bottom-right`. */
  position?: 'bottom-right' | 'bottom-left';
  /** Controlled open state; or leave it to the widget with `defaultOpen`. */
  open?: boolean;
  /** Whether the panel starts open when the widget keeps its own state. Default `false`. */
  defaultOpen?: boolean;
  /** Called when the launcher or Escape opens or closes the panel, controlled or not. */
  onOpenChange?: (open: boolean) => void;
  /** Controlled open conversation (`null` shows the list); or leave it to the widget with `defaultConversationId`. */
  conversationId?: string | null;
  /** The conversation shown first when the widget keeps its own state; default the list. */
  defaultConversationId?: string;
  /** Called when the reader picks a conversation, or goes back to the list (`undefined`). */
  onConversationChange?: (conversationId: string | undefined) => void;
  /** `system` (default) follows the reader's setting. */
  theme?: 'light' | 'dark' | 'system';
  /** `compact` tightens spacing. Default `comfortable`. */
  density?: 'comfortable' | 'compact';
}

/**
 * An Intercom-style chat bubble: a floating launcher with the unread count
 * that opens a panel holding the conversation list and the open conversation.
 * Focus moves into the panel when it opens and back to the launcher when it
 * closes; Escape closes it.
 *
 * @example
 * <ChatProvider client={client}><ChatWidget title="Messages" /></ChatProvider>
 */
export const ChatWidget = forwardRef<HTMLDivElement, ChatWidgetProps>(function ChatWidget(
  {
    title,
    position = 'bottom-right',
    open: openProp,
    defaultOpen = false,
    onOpenChange,
    conversationId: conversationProp,
    defaultConversationId,
    onConversationChange,
    theme = 'system',
    density = 'comfortable',
    className,
    onKeyDown,
    ...props
  },
  ref,
) {
  const { strings, locale } = useStrings();
  const { client } = useBanterContext('ChatWidget');
  const unread = useUnreadTotal();
  // The launcher's badge counts unread messages while the panel is still closed,
  // so the list is loaded on mount rather than on first open.
  useEffect(() => {
    if (client.getSnapshot().conversationsStatus === 'idle') void client.loadConversations();
  }, [client]);
  const [openState, setOpenState] = useState(defaultOpen);
  const [conversationState, setConversationState] = useState(defaultConversationId);
  // A search hit chosen in the list: its conversation opens at that message.
  const [target, setTarget] = useState<MessageTarget | null>(null);
  const open = openProp ?? openState;
  const conversationId =
    conversationProp === undefined ? conversationState : (conversationProp ?? undefined);
  const panelId = useId();
  const titleId = useId();
  const launcher = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(open);

  const setOpen = (next: boolean) => {
    if (openProp === undefined) setOpenState(next);
    onOpenChange?.(next);
  };
  const setConversation = (next: string | undefined, at: MessageTarget | null = null) => {
    setTarget(at);
    if (conversationProp === undefined) setConversationState(next);
    onConversationChange?.(next);
  };

  // Opening moves focus into the panel; closing brings it back to the launcher.
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the open state and the view shown
  useEffect(() => {
    if (open) {
      // In order of preference: the composer, the search field, the list, any control.
      const candidates = ['textarea', 'input', '[role="option"][tabindex="0"]', 'button'];
      const target = candidates
        .map((selector) => panel.current?.querySelector<HTMLElement>(selector))
        .find(Boolean);
      target?.focus();
    } else if (wasOpen.current) {
      launcher.current?.focus();
    }
    wasOpen.current = open;
  }, [open, conversationId]);

  const handleKeyDown = composeHandlers<KeyboardEvent<HTMLDivElement>>(onKeyDown, (event) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  });

  const heading = title ?? strings.chatTitle;
  const launcherLabel = open
    ? strings.closeChat
    : unread > 0
      ? `${strings.openChat}, ${strings.unread(unread, locale)}`
      : strings.openChat;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the widget closes it; inner parts stop that with preventDefault
    <div
      ref={ref}
      className={cx('banter-root banter-widget', className)}
      data-position={position}
      data-state={open ? 'open' : 'closed'}
      data-theme={theme === 'system' ? undefined : theme}
      data-density={density}
      onKeyDown={handleKeyDown}
      {...props}
    >
      {open && (
        <div
          ref={panel}
          id={panelId}
          className="banter-widget__panel"
          role="dialog"
          aria-labelledby={titleId}
        >
          {conversationId ? (
            <ChatWindow
              conversationId={conversationId}
              onBack={() => setConversation(undefined)}
              theme={theme}
              density={density}
              jumpTarget={target}
            />
          ) : (
            <div className="banter-widget__home">
              <h2 id={titleId} className="banter-widget__title">
                {heading}
              </h2>
              <ConversationList
                onSelect={(id) => setConversation(id)}
                onOpenMessage={(id, at) => setConversation(id, at)}
              />
            </div>
          )}
          {conversationId && (
            <span id={titleId} className="banter-visually-hidden">
              {heading}
            </span>
          )}
        </div>
      )}
      <button
        ref={launcher}
        type="button"
        className="banter-widget__launcher"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={launcherLabel}
        onClick={() => setOpen(!open)}
      >
        {open ? (
          <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
            <path
              d="M6 6l12 12M18 6 6 18"
              stroke="currentColor"
              strokeWidth="2.2"
              strokeLinecap="round"
            />
          </svg>
        ) : (
          <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="26" height="26">
            <path
              d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A2.5 2.5 0 0 1 4 13.5z"
              fill="currentColor"
            />
          </svg>
        )}
        {!open && unread > 0 && (
          <span className="banter-widget__badge" aria-hidden="true" data-unread="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
    </div>
  );
});
