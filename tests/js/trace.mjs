// Records what the JS engine does for a list of operations, for comparing with the Python engine
// (tests/test_frontend.py does, through agree.mjs).
//
//   node trace.mjs samples/low-mid-back.json --random SEED COUNT   > trace.json
//   node trace.mjs samples/low-mid-back.json --ops ops.json        > trace.json
//
// ops: [["clock", 12.5], ["play"], ["pause"], ["seek", 100], ["skip"], ["back"], ["speed", 2], ["poll"]]
// ("clock" sets what the fake clock returns; the clock starts at 0.) Output: {document, ops, results},
// one result per op after it: {error} (the error's name) or {cues} for poll, then the player's
// status, position, held, completed and state, read in that order. Python replays the same ops,
// reads the same values in the same order and must produce the same JSON, number for number.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { loadTimeline, createPlayer } from "../../src/stretchkit/data/player.js";

/** mulberry32, as in player.test.mjs. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random operations; clock values are rounded to 6 decimals so they print and parse exactly. */
export function randomOps(timeline, seed, count) {
  const rnd = prng(seed);
  const ops = [];
  let now = 0;
  for (let i = 0; i < count; i++) {
    const r = rnd();
    if (r < 0.4) {
      now = Math.max(0, now + (rnd() < 0.1 ? -rnd() * 3 : rnd() * rnd() * 30));
      ops.push(["clock", Number(now.toFixed(6))]);
    } else if (r < 0.5) ops.push(["play"]);
    else if (r < 0.55) ops.push(["pause"]);
    else if (r < 0.63) {
      const step = timeline.steps[Math.floor(rnd() * timeline.steps.length)];
      ops.push(["seek", rnd() < 0.5 ? step.start : Number((rnd() * timeline.duration * 1.02 - 1).toFixed(4))]);
    } else if (r < 0.7) ops.push(["skip"]);
    else if (r < 0.76) ops.push(["back"]);
    else if (r < 0.8) ops.push(["speed", rnd() < 0.1 ? 0 : Number((0.25 + rnd() * 4).toFixed(3))]);
    else ops.push(["poll"]);
  }
  return ops;
}

/** Runs ops on a fresh player; returns one result per op. */
export function trace(doc, ops) {
  let now = 0;
  const player = createPlayer(loadTimeline(doc), { clock: () => now });
  return ops.map(([op, arg]) => {
    const result = {};
    try {
      if (op === "clock") now = arg;
      else if (op === "speed") player.speed = arg;
      else if (op === "poll") result.cues = player.poll();
      else player[op](arg);
    } catch (error) {
      result.error = error.name;
    }
    for (const key of ["status", "position", "held", "completed", "state"]) result[key] = player[key];
    return result;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path, mode, a, b] = process.argv.slice(2);
  const doc = JSON.parse(readFileSync(path, "utf8"));
  const ops = mode === "--random" ? randomOps(loadTimeline(doc), Number(a), Number(b)) : JSON.parse(readFileSync(a, "utf8"));
  process.stdout.write(JSON.stringify({ document: path, ops, results: trace(doc, ops) }) + "\n");
}
