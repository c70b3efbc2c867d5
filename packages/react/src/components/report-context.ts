'use client';
import type { MessageView } from '@banter/core';
import { createContext } from 'react';

/**
 * Opens the report dialog for a message. Provided by ChatWindow, which draws
 * the dialog over the whole window; without it, messages offer no Report.
 */
export const ReportContext = createContext<((message: MessageView) => void) | null>(null);
