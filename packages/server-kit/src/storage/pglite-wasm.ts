import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * PGlite's WebAssembly (9 MB), compiled on the server's thread while the database
 * thread boots and loads PGlite's code, then handed to it: V8 shares a compiled module
 * between the threads of a process, so the database thread instantiates it at once
 * instead of compiling it after its own start. A restart reuses it. Undefined when it
 * cannot be compiled here; the database side then compiles its own, as PGlite does.
 */
export async function compilePgliteWasm(): Promise<WebAssembly.Module | undefined> {
  try {
    const file = createRequire(import.meta.url).resolve('@electric-sql/pglite/pglite.wasm');
    return await WebAssembly.compile(await readFile(file));
  } catch {
    return undefined;
  }
}
