/**
 * Listeners on 127.0.0.1 (and one abstract unix socket) that count what
 * reaches them: a contained candidate reaches none of them.
 */
import dgram from "node:dgram";
import http from "node:http";
import net from "node:net";
import { countingListener } from "../helpers/listener.ts";

export interface Listeners {
  tcpPort: number;
  udpPort: number;
  httpPort: number;
  /** Abstract unix socket name (without the leading NUL). */
  unixName: string;
  counts(): { tcp: number; udp: number; http: number; unix: number };
  close(): Promise<void>;
}

export async function startListeners(): Promise<Listeners> {
  const tcp = await countingListener();
  let udpCount = 0;
  const udp = dgram.createSocket("udp4", () => udpCount++);
  await new Promise<void>((resolve) => udp.bind(0, "127.0.0.1", resolve));
  let httpCount = 0;
  const web = http.createServer((_req, res) => {
    httpCount++;
    res.end("REDTEAM-HTTP-REACHED");
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  let unixCount = 0;
  const unixName = `steward-redteam-${process.pid}`;
  const unix = net.createServer((socket) => {
    unixCount++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => unix.listen(`\0${unixName}`, resolve));
  return {
    tcpPort: tcp.port,
    udpPort: udp.address().port,
    httpPort: (web.address() as net.AddressInfo).port,
    unixName,
    counts: () => ({ tcp: tcp.connections(), udp: udpCount, http: httpCount, unix: unixCount }),
    close: async () => {
      await tcp.close();
      udp.close();
      web.closeAllConnections();
      await new Promise<void>((resolve) => web.close(() => resolve()));
      await new Promise<void>((resolve) => unix.close(() => resolve()));
    },
  };
}
