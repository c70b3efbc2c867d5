'use client';
import { useStrings } from '../i18n/strings-context';
import { lazyChunk, useChunk } from '../utils/lazy-chunk';
import { ChunkStatus } from './ChunkStatus';
import type { ReportDialogProps } from './ReportDialog';

/** The report dialog's code, fetched when a first message is reported: most visits never do. */
export const reportChunk = lazyChunk(() => import('./ReportDialog'));

/** The report dialog once its code is here; until then a status, or an error with Retry. */
export function ReportMessage(props: ReportDialogProps) {
  const { strings } = useStrings();
  const { module, failed, retry } = useChunk(reportChunk);
  if (module) return <module.ReportDialog {...props} />;
  return (
    <div className="banter-report">
      <div className="banter-report__panel">
        <ChunkStatus failed={failed} retry={retry} />
        <button type="button" onClick={props.onClose}>
          {strings.cancel}
        </button>
      </div>
    </div>
  );
}
