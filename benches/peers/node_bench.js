// Node's JSON.parse and JSON.stringify on the benchmark documents: the floor under CDK's
// synthesis. Prints {set: {operation: seconds per pass}} as JSON.
//
// Usage: node node_bench.js DOCS_DIR [--quick] [--rounds N]
const fs = require("fs");
const path = require("path");

function bestOf(fn, rounds, budget) {
  let start = process.hrtime.bigint();
  fn();
  const once = Math.max(Number(process.hrtime.bigint() - start) / 1e9, 1e-7);
  const repeat = Math.max(1, Math.floor(budget / once));
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    start = process.hrtime.bigint();
    for (let i = 0; i < repeat; i++) fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9 / repeat);
  }
  return best;
}

const dir = process.argv[2];
const quick = process.argv.includes("--quick");
const budget = quick ? 0.05 : 0.5;
const roundsAt = process.argv.indexOf("--rounds");
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : quick ? 3 : 5;
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error("usage: node node_bench.js DOCS_DIR [--quick] [--rounds N]");
  process.exit(2);
}
const results = {};
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort()) {
  const texts = fs.readFileSync(path.join(dir, file), "utf8").split("\n").filter((l) => l.length > 0);
  const objects = texts.map((t) => JSON.parse(t));
  let sink = 0;
  results[path.basename(file, ".jsonl")] = {
    parse: bestOf(() => { for (const t of texts) sink += JSON.parse(t) ? 1 : 0; }, rounds, budget),
    render: bestOf(() => { for (const o of objects) sink += JSON.stringify(o).length; }, rounds, budget),
  };
  if (sink < 0) console.error(sink);
}
console.log(JSON.stringify(results));
