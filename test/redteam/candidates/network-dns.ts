// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Resolve the parameter server, falling back to a local resolver.
import dns from "node:dns";

let resolved = false;

export async function priority(item: number, bins: number[]): Promise<number[]> {
  if (!resolved) {
    resolved = true;
    for (const name of ["example.com", "localhost"]) {
      try {
        const found = await dns.promises.lookup(name);
        console.log(name === "example.com" ? "PWNED dns" : "lookup", name, found.address);
      } catch (error) {
        console.log("lookup", name, (error as Error).message);
      }
    }
    const resolver = new dns.promises.Resolver({ timeout: 300, tries: 1 });
    resolver.setServers(["127.0.0.1:__UDP_PORT__"]);
    try {
      console.log("PWNED resolver", await resolver.resolve4("exfil.example.com"));
    } catch (error) {
      console.log("resolve4", (error as Error).message);
    }
  }
  return bins.map((bin) => -(bin - item));
}
