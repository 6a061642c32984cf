import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a local server that can be taken away and brought back on the same
 * port: the network going away for real (connections refused, open ones cut), not a mocked probe.
 */
export async function startSwitchableProxy(targetPort: number) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  async function up(): Promise<void> {
    const s = createServer((client) => {
      const upstream = connect(targetPort, '127.0.0.1');
      for (const sock of [client, upstream]) {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
        sock.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as { port: number }).port;
    server = s;
  }

  async function down(): Promise<void> {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await up();
  return { url: () => `http://127.0.0.1:${port}`, up, down, close: down };
}
