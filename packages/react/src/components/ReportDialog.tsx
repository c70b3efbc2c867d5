'use client';
import '../i18n/chunk-strings/register-report';
import { ChatError, protocolLimits } from '@banter/core';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useChatClient } from '../hooks/use-chat-state';
import type { BanterStrings } from '../i18n/strings';
import { useStrings } from '../i18n/strings-context';
import { rootOf } from '../utils/shadow-dom';

/** The report dialog of one message: its own chunk, loaded by `ReportMessage`. */
export interface ReportDialogProps {
  /** The conversation of the message reported. */
  conversationId: string;
  /** The message reported (a stored one: it has an id). */
  messageId: string;
  /** Close was asked for (Escape, Cancel, Close): focus goes back to where it was. */
  onClose: () => void;
}

type Reason = keyof BanterStrings['reportReasons'];
const reasons: Reason[] = ['spam', 'abuse', 'inappropriate', 'other'];
type Phase = { state: 'editing' | 'sending' | 'sent' } | { state: 'failed'; error: string };

/**
 * A small modal dialog: a preset reason (spam, abuse, inappropriate, other)
 * and optional details, sent with `client.reportMessage` as `reason: details`
 * (the preset is a stable key for the host's moderators). It says when the
 * report went through and, when it did not, why, keeping what was typed for
 * another try. Focus stays inside while it is open and returns to the
 * message when it closes.
 */
export function ReportDialog({ conversationId, messageId, onClose }: ReportDialogProps) {
  const { strings } = useStrings();
  const client = useChatClient();
  const [reason, setReason] = useState<Reason>('spam');
  const [details, setDetails] = useState('');
  const [phase, setPhase] = useState<Phase>({ state: 'editing' });
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();

  // Focus moves in on open, and back to the reported message on close.
  useEffect(() => {
    const opener = rootOf(panel.current).activeElement as HTMLElement | null;
    panel.current?.querySelector<HTMLElement>('input, button')?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.state === 'sending') return;
    setPhase({ state: 'sending' });
    const extra = details.trim();
    try {
      const text = extra ? `${reason}: ${extra}` : reason;
      await client.reportMessage(conversationId, messageId, text);
      setPhase({ state: 'sent' });
    } catch (error) {
      setPhase({ state: 'failed', error: ChatError.from(error).message });
    }
  };

  // A modal keeps Tab inside and closes on Escape.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [
      ...(panel.current?.querySelectorAll<HTMLElement>('input, textarea, button:not(:disabled)') ??
        []),
    ];
    const first = focusable[0];
    const last = focusable.at(-1);
    const active = rootOf(panel.current).activeElement;
    if (event.shiftKey && active === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const sent = phase.state === 'sent';
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the dialog's keys (Escape, Tab) for everything inside it
    <div className="banter-report" onKeyDown={onKeyDown}>
      <div
        ref={panel}
        className="banter-report__panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-state={phase.state}
      >
        <h2 id={titleId} className="banter-report__title">
          {strings.reportTitle}
        </h2>
        {sent ? (
          <>
            <p role="status">{strings.reportSent}</p>
            <div className="banter-report__buttons">
              <button type="button" onClick={onClose}>
                {strings.close}
              </button>
            </div>
          </>
        ) : (
          <form onSubmit={submit}>
            <fieldset className="banter-report__reasons" disabled={phase.state === 'sending'}>
              <legend className="banter-visually-hidden">{strings.reportTitle}</legend>
              {reasons.map((key) => (
                <label key={key} className="banter-report__reason">
                  <input
                    type="radio"
                    name={`${titleId}-reason`}
                    value={key}
                    checked={reason === key}
                    onChange={() => setReason(key)}
                  />
                  {strings.reportReasons[key]}
                </label>
              ))}
              <label className="banter-report__details">
                {strings.reportDetails}
                <textarea
                  value={details}
                  maxLength={protocolLimits.reportReasonLength - 20}
                  rows={3}
                  dir="auto"
                  onChange={(event) => setDetails(event.target.value)}
                />
              </label>
            </fieldset>
            {phase.state === 'failed' && (
              <p role="alert" className="banter-report__error">
                {strings.failed(phase.error)}
              </p>
            )}
            <div className="banter-report__buttons">
              <button type="button" onClick={onClose}>
                {strings.cancel}
              </button>
              <button
                type="submit"
                className="banter-report__send"
                disabled={phase.state === 'sending'}
              >
                {phase.state === 'failed' ? strings.retry : strings.send}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
