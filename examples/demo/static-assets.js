/**
 * Serves the built page (dist/, from build.js): the brotli or gzip copy when the browser
 * takes it, hashed files under /assets/ cached for a year as immutable (a new build means
 * new names), everything else revalidated on each load (`no-cache` with an ETag, so an
 * unchanged page costs a 304).
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
// Preferred first.
const encodings = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

export function serveBuilt(root) {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = req.path.endsWith('/') ? `${req.path}index.html` : req.path;
    const file = normalize(join(root, decodeURIComponent(path)));
    if (!file.startsWith(root + sep) || !isFile(file)) return next();

    const accepted = String(req.headers['accept-encoding'] ?? '');
    const [encoding, suffix] =
      encodings.find(([name, ext]) => accepts(accepted, name) && isFile(file + ext)) ?? [];
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    const immutable = path.startsWith('/assets/');
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.sendFile(suffix ? file + suffix : file, { cacheControl: false }, (error) => {
      if (error) next(error);
    });
  };
}

const isFile = (file) => existsSync(file) && statSync(file).isFile();

/** `br` in "gzip, deflate, br" (a `;q=0` refuses it). */
function accepts(header, name) {
  return header
    .split(',')
    .map((part) => part.trim().split(';'))
    .some(([token, q]) => token === name && !/^\s*q=0(\.0+)?\s*$/.test(q ?? ''));
}
