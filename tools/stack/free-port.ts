import { createServer } from 'node:net';

/**
 * Below Linux's ephemeral range (32768–60999): a port the kernel hands out with listen(0) is also
 * handed to outgoing connections, and under load one of them took a port chosen for a server
 * before the server bound it.
 */
const FIRST = 20_000;
const LAST = 32_767;

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free TCP port on loopback (released at once; the caller binds it soon after). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST} on 127.0.0.1`);
}
