/** A TCP listener on 127.0.0.1 that counts connections: a candidate must never reach it. */
import net from "node:net";

export interface CountingListener {
  port: number;
  connections(): number;
  close(): Promise<void>;
}

export async function countingListener(): Promise<CountingListener> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
