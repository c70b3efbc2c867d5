import type { BanterStrings } from '../strings';

/** English defaults of the strings only the report dialog chunk (ReportDialog) shows. */
export const reportStrings = {
  reportTitle: 'Report message',
  reportReasons: {
    spam: 'Spam',
    abuse: 'Harassment',
    inappropriate: 'Inappropriate',
    other: 'Other',
  },
  reportDetails: 'Details (optional)',
  reportSent: 'Report sent. Thank you.',
} satisfies Partial<BanterStrings>;
