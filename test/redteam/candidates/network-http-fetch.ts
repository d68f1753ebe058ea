// @ts-nocheck
// biome-ignore-all lint: red-team attack code, written to misbehave
// Fetch better parameters from a local service if one is running.
let fetched = false;

export async function priority(item: number, bins: number[]): Promise<number[]> {
  if (!fetched) {
    fetched = true;
    try {
      const reply = await fetch("http://127.0.0.1:__HTTP_PORT__/params");
      console.log("PWNED http", await reply.text());
    } catch (error) {
      console.log("fetch", (error as Error).message, String((error as Error).cause));
    }
  }
  return bins.map((bin) => -(bin - item));
}
