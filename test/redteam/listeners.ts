/**
 * Listeners on 127.0.0.1, one abstract unix socket and one unix socket on disk
 * (world-writable, so any uid may connect) that count what reaches them: a
 * contained candidate reaches none of them.
 */
import dgram from "node:dgram";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { countingListener } from "../helpers/listener.ts";

export interface Listeners {
  tcpPort: number;
  udpPort: number;
  httpPort: number;
  /** Abstract unix socket name (without the leading NUL). */
  unixName: string;
  /** Path of the unix socket on disk. */
  unixPath: string;
  counts(): { tcp: number; udp: number; http: number; unix: number; unixPath: number };
  close(): Promise<void>;
}

export async function startListeners(dir: string): Promise<Listeners> {
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
  let unixPathCount = 0;
  const unixPath = path.join(dir, "host.sock");
  const onDisk = net.createServer((socket) => {
    unixPathCount++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => onDisk.listen(unixPath, resolve));
  fs.chmodSync(unixPath, 0o777);
  return {
    tcpPort: tcp.port,
    udpPort: udp.address().port,
    httpPort: (web.address() as net.AddressInfo).port,
    unixName,
    unixPath,
    counts: () => ({
      tcp: tcp.connections(),
      udp: udpCount,
      http: httpCount,
      unix: unixCount,
      unixPath: unixPathCount,
    }),
    close: async () => {
      await tcp.close();
      udp.close();
      web.closeAllConnections();
      await new Promise<void>((resolve) => web.close(() => resolve()));
      await new Promise<void>((resolve) => unix.close(() => resolve()));
      await new Promise<void>((resolve) => onDisk.close(() => resolve()));
    },
  };
}
