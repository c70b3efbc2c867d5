'use client';
import { createTimelineSelector, isBlank } from '@banter/core';
import {
  type ChangeEvent,
  type ComponentPropsWithoutRef,
  type CSSProperties,
  type FormEvent,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useId,
  useRef,
} from 'react';
import { useChatClient, useChatState } from '../hooks/use-chat-state';
import { useComposeIntent } from '../hooks/use-compose-intent';
import { useDraft, usePersistedReply } from '../hooks/use-draft';
import { useMessageActions } from '../hooks/use-message-actions';
import { useTyping } from '../hooks/use-typing';
import { useUser } from '../hooks/use-user';
import { useStrings } from '../i18n/strings-context';
import { composeHandlers } from '../utils/compose-handlers';
import { cx } from '../utils/cx';
import { excerptOf } from '../utils/excerpt';
import { useChunk } from '../utils/lazy-chunk';
import { useIsomorphicLayoutEffect } from '../utils/use-isomorphic-layout-effect';
import type { ComposerQuoteProps } from './ComposerQuote';
import { useComposerMentions } from './mentions/use-composer-mentions';
import { menuChunk } from './menu-chunk';
import { useComposerUploads } from './uploads/ComposerUploads';

/**
 * The message input: Enter sends, Shift+Enter starts a new line; drafts are kept per conversation.
 */
export interface ComposerProps extends Omit<ComponentPropsWithoutRef<'form'>, 'children'> {
  /** Where messages are sent. */
  conversationId: string;
  /** Most characters (code points) a message may have. Default 4000. */
  maxLength?: number;
  /** The text box grows with its content up to this many lines, then scrolls. Default 6. */
  maxRows?: number;
  /** Called after a message is handed to the client, with its clientId. */
  onSend?: (clientId: string) => void;
  /** Disables typing and sending. */
  disabled?: boolean;
  /** Extra props for the text box; its onKeyDown and onChange run before ours. */
  textareaProps?: Omit<ComponentPropsWithoutRef<'textarea'>, 'value' | 'defaultValue'>;
}

/** The counter appears once a message uses this share of the limit. */
const COUNTER_THRESHOLD = 0.8;

/**
 * The message box of one conversation: Enter sends, Shift+Enter starts a new
 * line. The draft is kept per conversation, and sending works offline too
 * (the client queues the message until the connection returns). Replying
 * (a message's Reply action) shows the quoted message above the box; editing
 * (its Edit action, or Up in an empty box for your last message) puts the
 * message in the box. Escape cancels either.
 *
 * @example
 * <Composer conversationId={id} onSend={() => list.scrollToEnd()} />
 */
export const Composer = forwardRef<HTMLFormElement, ComposerProps>(function Composer(
  {
    conversationId,
    maxLength = 4000,
    maxRows = 6,
    onSend,
    disabled = false,
    textareaProps = {},
    className,
    onSubmit,
    ...props
  },
  ref,
) {
  const { strings } = useStrings();
  const client = useChatClient();
  const [draft, setDraft] = useDraft(conversationId);
  const [intent, setIntent] = useComposeIntent(conversationId);
  usePersistedReply(conversationId);
  const editing = intent?.mode === 'edit' ? intent : null;
  // While editing, the box holds the edited text; the draft waits for afterwards.
  const text = editing ? editing.text : draft;
  const { send, edit } = useMessageActions(conversationId);
  const me = useChatState((state) => state.userId);
  const quotedId = intent?.mode === 'reply' ? intent.message.senderId : undefined;
  const quotedSender = useUser(quotedId !== me ? quotedId : undefined);
  const { notifyTyping, stopTyping } = useTyping(conversationId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const generatedId = useId();
  const inputId = textareaProps.id ?? `${generatedId}-input`;
  const counterId = `${generatedId}-count`;
  const uploads = useComposerUploads(conversationId, textarea, disabled || editing !== null);
  const mention = useComposerMentions(
    conversationId,
    text,
    editing?.message ?? null,
    textarea,
    (next) => (editing ? setIntent({ ...editing, text: next }) : setDraft(next)),
  );

  // Code points, not UTF-16 units: an emoji is one character to the person typing it.
  const used = [...text].length;
  const over = used > maxLength;
  const showCounter = used >= maxLength * COUNTER_THRESHOLD;

  // Leaving a conversation (or unmounting) should not leave others seeing "typing…".
  useEffect(() => stopTyping, [stopTyping]);

  // Choosing Reply or Edit on a message brings the reader here to type.
  const intentKey = intent ? `${intent.mode}:${intent.message.key}` : null;
  useEffect(() => {
    if (intentKey) textarea.current?.focus();
  }, [intentKey]);

  // Grow with the content; CSS caps the height at maxRows lines and scrolls beyond.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes.
  useIsomorphicLayoutEffect(() => {
    const element = textarea.current;
    if (!element) return;
    element.style.height = 'auto';
    // Zero when not laid out (hidden, or jsdom): keep the CSS height then.
    if (element.scrollHeight === 0) {
      element.style.height = '';
      return;
    }
    const borders = element.offsetHeight - element.clientHeight;
    element.style.height = `${element.scrollHeight + borders}px`;
  }, [text]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = text.trimEnd();
    const withFiles = !editing && uploads.files.length > 0;
    // The protocol's own rule, so a text of only zero-width characters is never sent to be refused.
    if (disabled || over || (isBlank(body) && !withFiles)) return;
    if (editing) {
      const { id, clientId, body: before } = editing.message;
      // A send still on its way is edited by its clientId: the edit waits for it.
      if (body !== before) edit(id ?? clientId, body, mention.mentions);
      setIntent(null);
      textarea.current?.focus();
      return;
    }
    const replyTo = intent?.mode === 'reply' ? (intent.message.id ?? undefined) : undefined;
    const clientId = send({
      ...(replyTo ? { body, replyTo } : { body }),
      mentions: mention.mentions,
      ...(withFiles ? { files: uploads.take() } : {}),
    });
    setDraft('');
    if (intent) setIntent(null);
    stopTyping();
    // Clicking the button moved focus to it: bring it back for the next message.
    textarea.current?.focus();
    onSend?.(clientId);
  };

  /** Up in an empty box edits your newest message that can still be edited. */
  const editLastOwn = () => {
    const rows = createTimelineSelector()(client.getSnapshot(), conversationId);
    const last = rows.findLast(
      (row) =>
        row.own &&
        (row.id !== null || row.status === 'sending') &&
        row.deletedAt === null &&
        row.kind !== 'system',
    );
    if (!last) return false;
    setIntent({ mode: 'edit', message: last, text: last.body });
    return true;
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mention.keyDown(event)) return;
    if (event.key === 'Escape' && intent) {
      event.preventDefault();
      // Only the reply or edit is cancelled, not the panel around the composer.
      event.stopPropagation();
      setIntent(null);
      return;
    }
    if (event.key === 'ArrowUp' && text === '' && !intent && !event.shiftKey) {
      if (editLastOwn()) event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey) return;
    // Enter that confirms an IME composition (Japanese, Chinese…) must not send.
    // Safari reports it with keyCode 229 and isComposing already false.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    // Through the form, so a host's onSubmit sees (and can stop) Enter too.
    event.currentTarget.form?.requestSubmit();
  };

  const handleChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const next = event.target.value;
    mention.changed(next);
    if (editing) {
      setIntent({ ...editing, text: next });
      return;
    }
    setDraft(next);
    if (next) notifyTyping();
    else stopTyping();
  };

  const describedBy = cx(textareaProps['aria-describedby'], showCounter && counterId) || undefined;
  return (
    <form
      ref={ref}
      className={cx('banter-composer', className)}
      data-over={over ? 'true' : undefined}
      data-disabled={disabled ? 'true' : undefined}
      data-mode={intent?.mode}
      onSubmit={composeHandlers(onSubmit, handleSubmit)}
      {...props}
    >
      {intent && (
        <Quote
          mode={intent.mode}
          senderName={
            intent.message.senderId === me
              ? strings.you
              : (quotedSender?.name ?? intent.message.senderId)
          }
          excerpt={excerptOf(intent.message, strings)}
          onCancel={() => {
            setIntent(null);
            textarea.current?.focus();
          }}
        />
      )}
      {mention.picker}
      {uploads.tray}
      {uploads.attachButton}
      <label htmlFor={inputId} className="banter-visually-hidden">
        {strings.composerLabel}
      </label>
      <textarea
        rows={1}
        placeholder={strings.composerPlaceholder}
        disabled={disabled}
        {...textareaProps}
        ref={textarea}
        id={inputId}
        className={cx('banter-composer__input', textareaProps.className)}
        style={{ '--banter-composer-max-rows': maxRows, ...textareaProps.style } as CSSProperties}
        value={text}
        aria-invalid={over || undefined}
        aria-describedby={describedBy}
        onKeyDown={composeHandlers(textareaProps.onKeyDown, handleKeyDown)}
        onChange={composeHandlers(textareaProps.onChange, handleChange)}
        onPaste={composeHandlers(textareaProps.onPaste, uploads.onPaste)}
        onSelect={composeHandlers(textareaProps.onSelect, mention.moved)}
      />
      <button
        type="submit"
        className="banter-composer__send"
        disabled={disabled || over}
        aria-label={editing ? strings.saveEdit : strings.send}
      >
        <svg
          className="banter-composer__send-icon"
          viewBox="0 0 24 24"
          fill="currentColor"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M3.4 20.4 20.85 12.92a1 1 0 0 0 0-1.84L3.4 3.6a.99.99 0 0 0-1.39.91L2 9.12c0 .5.37.93.87.99L17 12 2.87 13.88c-.5.07-.87.5-.87 1l.01 4.61c0 .71.73 1.2 1.39.91z" />
        </svg>
      </button>
      {showCounter && (
        <span
          id={counterId}
          className="banter-composer__count"
          data-over={over ? 'true' : undefined}
        >
          {strings.characterCount(used, maxLength)}
        </span>
      )}
    </form>
  );
});

/**
 * The reply or edit quote: its code comes with the message menu's, which is
 * where a reply or an edit starts; an intent set by the host before any menu
 * opened shows the quote once that code is here.
 */
function Quote(props: ComposerQuoteProps) {
  const { module } = useChunk(menuChunk);
  return module ? <module.ComposerQuote {...props} /> : null;
}
