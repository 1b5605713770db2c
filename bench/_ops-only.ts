import { benchOperations } from "./operations.js";
async function main() {
  const notes: string[] = [];
  const rows = await benchOperations({
    default: { rounds: 12, time: 50, warmupTime: 15, batch: 1 },
    cacheMiddleware: { rounds: 12, time: 40, warmupTime: 15, batch: 16 },
  }, notes, console.log);
  console.log(notes);
}
main();
