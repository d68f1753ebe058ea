/** Network: TCP, HTTP, UDP, DNS and unix sockets to listeners the run starts on 127.0.0.1. */
import type { Attack } from "../attack.ts";

const network = (name: string): Attack => ({
  name,
  category: "network",
  expect: ["ok"],
  isolationOnly: "the process level does not block the network",
});

export const NETWORK: Attack[] = [
  network("network-tcp"),
  network("network-http-fetch"),
  network("network-udp"),
  network("network-dns"),
  network("network-unix-socket"),
  network("network-localhost-variants"),
];
