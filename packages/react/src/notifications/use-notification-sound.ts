'use client';
import { deservesAlert } from './alert-policy';
import { playSound } from './play-sound';
import { useIncomingMessages } from './use-incoming-messages';

/** Options of `useNotificationSound`. */
export interface NotificationSoundOptions {
  /** Your sound's URL; without it a short built-in chime (Web Audio, no file). */
  src?: string;
  /** 0–1. Default 0.6. */
  volume?: number;
  /** False mutes it (a user setting). Default true. */
  enabled?: boolean;
  /** The conversation on screen, if any: no sound for it while the page is in view. */
  isOnScreen?: (conversationId: string) => boolean;
}

/**
 * Plays a sound when someone else's message arrives, except in muted conversations and in the
 * one on screen. Browsers refuse sound before the first click or key press: nothing plays then,
 * and nothing is logged.
 *
 * @example
 * useNotificationSound({ src: '/sounds/ping.mp3', isOnScreen: (id) => id === openId });
 */
export function useNotificationSound(options: NotificationSoundOptions = {}): void {
  useIncomingMessages(({ conversation }) => {
    if (options.enabled === false) return;
    if (!deservesAlert(conversation, options.isOnScreen)) return;
    playSound(options.src, Math.min(1, Math.max(0, options.volume ?? 0.6)));
  });
}
