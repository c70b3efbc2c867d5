'use client';
import { useStrings } from '../i18n/strings-context';
import { lazyChunk, useChunk } from '../utils/lazy-chunk';
import type { ReportDialogProps } from './ReportDialog';

/** The report dialog's code, fetched when a first message is reported: most visits never do. */
export const reportChunk = lazyChunk(() => import('./ReportDialog'));

/** The report dialog once its code is here; until then a status, or an error with Retry. */
export function ReportMessage(props: ReportDialogProps) {
  const { strings } = useStrings();
  const { module, failed, retry } = useChunk(reportChunk);
  if (module) return <module.ReportDialog {...props} />;
  return (
    <div className="banter-report" role="dialog" aria-modal="true" aria-label={strings.reportTitle}>
      <div className="banter-report__panel">
        <p role={failed ? 'alert' : 'status'}>{failed ? strings.loadFailed : strings.loading}</p>
        <div className="banter-report__buttons">
          {failed && (
            <button type="button" onClick={retry}>
              {strings.retry}
            </button>
          )}
          {/* biome-ignore lint/a11y/noAutofocus: the dialog's only way out must have focus */}
          <button type="button" onClick={props.onClose} autoFocus>
            {strings.cancel}
          </button>
        </div>
      </div>
    </div>
  );
}
