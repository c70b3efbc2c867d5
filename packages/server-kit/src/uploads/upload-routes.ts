import { pipeline } from 'node:stream/promises';
import { ChatError, uploadByteRoutes } from '@banter/core/protocol';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { httpStatusOf, toErrorPayload } from '../errors';
import type { Logger } from '../logger';
import { contentDisposition } from './file-names';
import { serveAsOf, thumbnailServeAs } from './serve-as';
import type { UploadService } from './upload-service';
import type { UploadVariant } from './upload-store';

/**
 * Headers on every answer of these routes, files and errors alike: the
 * browser must not guess a type, and a file opened as a page gets no script,
 * no plugins, no forms and no same-origin access (sandbox).
 */
const guardHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The routes that carry bytes for stores that use the server's own routes
 * (`diskUploads`): `PUT /uploads/:uploadId/content` takes an upload's bytes,
 * `GET /uploads/:uploadId/{file,thumbnail}` serves them. None takes a bearer
 * token: each request carries a signature made for that upload, that action
 * and an expiry (signed-urls.ts), handed out only after the checks of
 * `upload:create` and `upload:urls`. Bodies stream to and from the store.
 */
export function createUploadRoutes(uploads: UploadService, logger: Logger): Router {
  const router = express.Router();

  router.put(uploadByteRoutes.content, async (req, res, next) => {
    res.set(guardHeaders);
    try {
      const { u, row } = await uploads.verifyRoute(
        'content',
        String(req.params.uploadId ?? ''),
        req.query,
      );
      if (!u.store.receive) throw new ChatError('not_found', 'this store takes no bytes here');
      if (row.status === 'complete') {
        throw new ChatError('conflict', 'unable to upload: the upload is already complete');
      }
      const size = Number(row.size);
      const declared = req.headers['content-length'];
      if (declared !== undefined && Number(declared) > size) {
        throw new ChatError(
          'file_too_large',
          `unable to upload: more than the declared ${size} bytes`,
          {
            limit: size,
          },
        );
      }
      await u.store.receive(row.id, req, size);
      res.json({ ok: true, data: { uploadId: row.id, size } });
    } catch (error) {
      // The rest of the body is not wanted: close the connection rather than read it.
      res.set('Connection', 'close');
      next(error);
    }
  });

  const serve =
    (variant: UploadVariant) => async (req: Request, res: Response, next: NextFunction) => {
      res.set(guardHeaders);
      try {
        const { u, row } = await uploads.verifyRoute(
          variant,
          String(req.params.uploadId ?? ''),
          req.query,
        );
        if (row.status !== 'complete') throw new ChatError('not_found', 'file not found');
        const serveAs = variant === 'thumbnail' ? thumbnailServeAs(row) : serveAsOf(row);
        if (!u.store.openVariant && u.store.redirectUrl) {
          // The bucket serves the bytes; this route adds the signature and expiry check.
          res.set('Cache-Control', 'no-store');
          res.redirect(302, await u.store.redirectUrl(row.id, variant, serveAs));
          return;
        }
        const opened = await u.store.openVariant?.(row.id, variant);
        if (!opened) throw new ChatError('not_found', 'file not found');
        const secondsLeft = Math.max(
          0,
          Math.floor((Number(req.query.expires) - Date.now()) / 1000),
        );
        res.set({
          'Content-Type': serveAs.contentType,
          'Content-Length': String(opened.size),
          'Content-Disposition': contentDisposition(serveAs.disposition, serveAs.fileName),
          'Cache-Control': `private, max-age=${secondsLeft}`,
        });
        await pipeline(opened.stream, res);
      } catch (error) {
        next(error);
      }
    };
  router.get(uploadByteRoutes.file, serve('file'));
  router.get(uploadByteRoutes.thumbnail, serve('thumbnail'));

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent || (!(error instanceof ChatError) && isClientAbort(error))) {
      res.destroy();
      return;
    }
    const payload = toErrorPayload(error, logger, 'upload route');
    res.status(httpStatusOf[payload.code]).json({ ok: false, error: payload });
  });
  return router;
}

/** The client went away mid-body: nothing to answer. */
function isClientAbort(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}
