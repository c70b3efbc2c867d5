import { afterEach } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * Proxies for a test file: `proxy()` starts one in front of the server's port, and each is
 * closed after the test that made it.
 */
export function useTcpProxies(server: { readonly port: number }) {
  const open: TcpProxy[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((proxy) => proxy.close()));
  });
  return async function proxy() {
    const created = await startTcpProxy(server.port);
    open.push(created);
    return created;
  };
}
