// Tests of the player module (src/stretchkit/data/player.js), one group per rule of the
// engine (the rules of the Python stretchkit.Player; see docs/frontends.md), on timeline
// documents the library wrote (samples/, kept current by tests/test_frontend.py).
// Run: npm test (or node --test player.test.mjs) here; pytest runs it too.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { loadTimeline, createPlayer } from "../../src/stretchkit/data/player.js";
import { randomOps, trace } from "./trace.mjs";

const SAMPLES_DIR = new URL("./samples/", import.meta.url);
const SAMPLES = Object.fromEntries(
  readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => [f.replace(/\.json$/, ""), JSON.parse(readFileSync(new URL(f, SAMPLES_DIR), "utf8"))]),
);
const doc = (name = "low-mid-back") => structuredClone(SAMPLES[name]);

/** A fake clock: `c.now` is what the clock returns; advance it by assigning. */
function fake(name = "low-mid-back", options = {}) {
  const c = { now: 0 };
  const timeline = loadTimeline(doc(name));
  const player = createPlayer(timeline, { clock: () => c.now, ...options });
  return { c, timeline, player };
}

const holdTotal = (d) => d.steps.kind.reduce((sum, k, i) => sum + (k === "hold" ? d.steps.duration[i] : 0), 0);

describe("loadTimeline", () => {
  test("rejects what is not a version-2 timeline document", () => {
    for (const bad of [null, 42, "x", [], {}, { ...doc(), stretchkit: 1 }, { ...doc(), type: "routine" }]) {
      assert.throws(() => loadTimeline(bad), { name: "Error", message: /version 2/ });
    }
  });

  test("rejects columns of different lengths, missing columns, no steps", () => {
    const d = doc();
    d.steps.label.pop();
    assert.throws(() => loadTimeline(d), /columns differ in length.*"label"/);
    const e = doc();
    delete e.steps.kind;
    assert.throws(() => loadTimeline(e), /"kind" is missing/);
    const f = doc();
    for (const k of Object.keys(f.steps)) f.steps[k] = [];
    assert.throws(() => loadTimeline(f), /no steps/);
    assert.throws(() => loadTimeline({ ...doc(), steps: undefined }), /no "steps"/);
    assert.throws(() => loadTimeline({ ...doc(), cues: {} }), /"cues"/);
    const g = doc();
    g.cues.reverse();
    assert.throws(() => loadTimeline(g), /cue 1 is out of time order/);
    const h = doc();
    h.steps.start[3] = 1000;
    assert.throws(() => loadTimeline(h), /step 3 starts at 1000/);
  });

  test("steps carry index, kind, start, duration, end, label, stretch, side, rep, reps", () => {
    for (const [name, d] of Object.entries(SAMPLES)) {
      const tl = loadTimeline(d);
      const n = d.steps.start.length;
      assert.equal(tl.steps.length, n, name);
      assert.equal(tl.duration, d.duration);
      tl.steps.forEach((s, i) => {
        assert.deepEqual(Object.keys(s), ["index", "kind", "start", "duration", "end", "label", "stretch", "side", "rep", "reps"]);
        assert.equal(s.index, i);
        assert.equal(s.start, Math.round(d.steps.start[i] * 1000) / 1000);
        assert.equal(s.end, i + 1 < n ? tl.steps[i + 1].start : tl.duration);
        assert.equal(s.duration, d.steps.duration[i]);
        assert.equal(s.kind, d.steps.kind[i]);
        assert.equal(s.label, d.steps.label[i]);
        assert.equal(s.stretch, d.routine.stretches[d.steps.item[i]].id);
        assert.equal(s.side, d.steps.side[i] === "none" ? null : d.steps.side[i]);
        assert.equal(s.rep, d.steps.rep[i]);
        assert.equal(s.reps, d.steps.reps[i]);
      });
      assert.deepEqual(tl.cues.map((c) => [c.time, c.text, c.kind]), d.cues.map((c) => [c.time, c.text, c.kind]));
      assert.equal(tl.language, d.language);
      assert.ok(Object.isFrozen(tl) && Object.isFrozen(tl.steps) && Object.isFrozen(tl.steps[0]));
    }
  });

  test("times are kept as whole ms (Math.round(seconds * 1000))", () => {
    const d = doc("tiny");
    d.steps.start = [0.0000004];
    d.duration = 0.0014999;
    d.cues[2].time = 0.0009996;
    const tl = loadTimeline(d);
    assert.equal(tl.steps[0].start, 0);
    assert.equal(tl.duration, 0.001);
    assert.equal(tl.cues[2].time, 0.001);
  });
});

describe("indexAt and stateAt", () => {
  for (const [name, d] of Object.entries(SAMPLES)) {
    test(`at every step boundary of ${name}`, () => {
      const tl = loadTimeline(d);
      const dur = tl.duration;
      for (const s of tl.steps) {
        for (const t of [s.start, (s.end * 1000 - 1) / 1000, (s.start + s.end) / 2]) {
          assert.equal(tl.indexAt(t), s.index, `${name} t=${t}`);
          assert.deepEqual(tl.stateAt(t), {
            index: s.index,
            elapsed: t,
            remaining: dur - t,
            stepElapsed: t - s.start,
            stepRemaining: s.end - t,
            progress: t / dur,
          });
        }
        if (s.index > 0) assert.equal(tl.indexAt(s.start - 1e-9), s.index - 1);
      }
      assert.equal(tl.stateAt(dur), null);
      assert.equal(tl.stateAt(dur + 5), null);
      for (const t of [dur, -0.001, -1e-12, NaN, Infinity, -Infinity]) {
        assert.throws(() => tl.indexAt(t), RangeError, `${name} t=${t}`);
      }
      assert.throws(() => tl.stateAt(-0.001), RangeError);
      assert.throws(() => tl.stateAt(NaN), RangeError);
      assert.throws(() => tl.indexAt("3"), TypeError);
      assert.throws(() => tl.stateAt("3"), TypeError);
    });
  }

  test("the exact doubles Python computes", () => {
    const tl = loadTimeline(doc("twist-rounds"));
    const st = tl.stateAt(197.76);
    assert.equal(st.index, 15);
    assert.equal(st.stepElapsed, 197.76 - 197.75);
    assert.equal(st.stepRemaining, 200.25 - 197.76);
    assert.equal(st.progress, 197.76 / 614);
  });
});

describe("status and transitions", () => {
  test("ready -> playing -> paused -> playing -> finished -> playing from 0", () => {
    const { c, player } = fake();
    assert.equal(player.status, "ready");
    assert.equal(player.position, 0);
    c.now = 50;
    assert.equal(player.position, 0, "ready does not move");
    player.play();
    assert.equal(player.status, "playing");
    player.play(); // nothing
    c.now = 60;
    assert.equal(player.position, 10);
    player.pause();
    assert.equal(player.status, "paused");
    player.pause(); // nothing
    c.now = 100;
    assert.equal(player.position, 10, "paused is frozen");
    player.play();
    c.now = 101.5;
    assert.equal(player.position, 11.5);
    c.now = 10_000;
    assert.equal(player.status, "finished");
    assert.equal(player.position, 708);
    assert.equal(player.state, null);
    c.now = 10_010; // finished stays finished
    assert.equal(player.position, 708);
    player.pause();
    assert.equal(player.status, "finished");
    player.play();
    assert.equal(player.status, "playing");
    assert.equal(player.position, 0);
    c.now = 10_012;
    assert.equal(player.position, 2);
  });

  test("a playing player becomes finished on any observation once it reaches the end", () => {
    for (const read of [(p) => p.status, (p) => p.position, (p) => p.state, (p) => p.held, (p) => p.completed,
      (p) => p.poll(), (p) => p.pause(), (p) => p.skip()]) {
      const { c, player } = fake("tiny");
      player.play();
      c.now = 0.001;
      read(player);
      assert.equal(player.status, "finished");
    }
  });

  test("state is stateAt(position), null when finished", () => {
    const { c, timeline, player } = fake("twist-rounds");
    assert.deepEqual(player.state, timeline.stateAt(0));
    player.play();
    c.now = 197.7555;
    assert.deepEqual(player.state, timeline.stateAt(197.755));
    player.seek(614);
    assert.equal(player.state, null);
  });
});

describe("position", () => {
  test("truncates to whole ms with the + 1e-6 nudge (0.3 - 0.1 gives 200 ms)", () => {
    const { c, player } = fake();
    c.now = 0.1;
    player.play();
    c.now = 0.3;
    assert.equal(0.3 - 0.1, 0.19999999999999998);
    assert.equal(player.position, 0.2);
    c.now = 0.1 + 0.0019999;
    c.now = 0.3 + 0.0009999; // below the next ms: stays
    assert.equal(player.position, 0.2);
    c.now = 1.1 + 1 / 3;
    assert.equal(player.position, 1.333);
  });

  test("speed scales the clock: floor(dt * speed * 1000 + 1e-6)", () => {
    const { c, player } = fake("low-mid-back", { speed: 1.5 });
    player.play();
    c.now = 0.2;
    assert.equal(player.position, Math.floor(0.2 * 1.5 * 1000 + 1e-6) / 1000);
    c.now = 10;
    assert.equal(player.position, 15);
  });

  test("never goes past the duration", () => {
    const { c, player } = fake("low-mid-back", { speed: 7 });
    player.play();
    c.now = 1e9;
    assert.equal(player.position, 708);
  });
});

describe("speed", () => {
  test("changing it never moves the position", () => {
    const { c, player } = fake();
    player.play();
    c.now = 0.3 - 0.1 + 0.0004; // 200.4 ms: the 0.4 ms is dropped by the rebase
    player.speed = 2;
    assert.equal(player.position, 0.2);
    assert.equal(player.speed, 2);
    c.now += 1;
    assert.equal(player.position, 2.2);
    player.speed = 0.5;
    assert.equal(player.position, 2.2);
    c.now += 2;
    assert.equal(player.position, 3.2);
  });

  test("settable when ready, paused or finished, used from the next play", () => {
    const { c, player } = fake();
    player.speed = 3;
    player.play();
    c.now = 1;
    assert.equal(player.position, 3);
    player.pause();
    player.speed = 1;
    c.now = 5;
    assert.equal(player.position, 3);
    player.play();
    c.now = 6;
    assert.equal(player.position, 4);
  });

  test("rejects what is not a number > 0, changing nothing", () => {
    const { c, player } = fake();
    player.play();
    c.now = 1;
    for (const bad of [0, -1, NaN, Infinity, -Infinity]) assert.throws(() => { player.speed = bad; }, RangeError);
    for (const bad of ["2", null, undefined, {}]) assert.throws(() => { player.speed = bad; }, TypeError);
    assert.equal(player.speed, 1);
    c.now = 2;
    assert.equal(player.position, 2);
    assert.throws(() => createPlayer(loadTimeline(doc()), { speed: 0 }), RangeError);
    assert.throws(() => createPlayer(loadTimeline(doc()), { speed: "1" }), TypeError);
    assert.throws(() => createPlayer(loadTimeline(doc()), { clock: 5 }), TypeError);
  });
});

describe("seek", () => {
  test("bounds: 0 and duration are fine, outside is a RangeError that changes nothing", () => {
    const { player } = fake();
    player.seek(0);
    assert.equal(player.position, 0);
    for (const bad of [-0.001, -1e-9, 708.0001, 709, NaN, Infinity, -Infinity]) {
      assert.throws(() => player.seek(bad), RangeError, String(bad));
    }
    assert.throws(() => player.seek("5"), TypeError);
    assert.throws(() => player.seek(), TypeError);
    assert.equal(player.status, "ready");
    assert.equal(player.position, 0);
    player.seek(708);
    assert.equal(player.status, "finished");
  });

  test("truncates t to whole ms", () => {
    const { player } = fake();
    player.seek(0.3 - 0.1);
    assert.equal(player.position, 0.2);
    player.seek(1.0019999);
    assert.equal(player.position, 1.001);
    player.seek(707.9999);
    assert.equal(player.position, 707.999);
    assert.equal(player.status, "ready");
  });

  test("ready and paused stay so, playing keeps playing from t", () => {
    const { c, player } = fake();
    player.seek(100);
    assert.equal(player.status, "ready");
    c.now = 5;
    assert.equal(player.position, 100);
    player.play();
    c.now = 6;
    player.seek(200);
    assert.equal(player.status, "playing");
    assert.equal(player.position, 200);
    c.now = 7.5;
    assert.equal(player.position, 201.5);
    player.pause();
    player.seek(50);
    c.now = 20;
    assert.equal(player.status, "paused");
    assert.equal(player.position, 50);
  });

  test("t == duration finishes; a finished player sought back is paused", () => {
    const { c, player } = fake();
    player.play();
    c.now = 3;
    player.seek(708);
    assert.equal(player.status, "finished");
    player.seek(300);
    assert.equal(player.status, "paused");
    assert.equal(player.position, 300);
    c.now = 10;
    assert.equal(player.position, 300);
  });

  test("re-arms the cues at or after t; cues before t count as passed", () => {
    const { c, timeline, player } = fake();
    const cues = timeline.cues;
    player.play();
    c.now = 40;
    assert.deepEqual(player.poll(), cues.filter((q) => q.time <= 40));
    player.seek(5); // back: the cue at 5 plays again
    assert.deepEqual(player.poll(), cues.filter((q) => q.time === 5));
    player.seek(100); // forward: cues in (5, 100) are passed over
    assert.deepEqual(player.poll(), []);
    c.now = 40 + 10;
    assert.deepEqual(player.poll(), cues.filter((q) => q.time >= 100 && q.time <= 110));
    player.pause();
    player.seek(58);
    assert.deepEqual(player.poll(), cues.filter((q) => q.time === 58), "paused players return cues at their position");
  });
});

describe("skip", () => {
  test("goes to the start of the next step, keeping the status", () => {
    const { c, timeline, player } = fake();
    player.skip();
    assert.equal(player.position, timeline.steps[1].start);
    assert.equal(player.status, "ready");
    player.play();
    c.now = 1;
    player.skip();
    assert.equal(player.position, timeline.steps[2].start);
    assert.equal(player.status, "playing");
    player.pause();
    player.skip();
    assert.equal(player.position, timeline.steps[3].start);
    assert.equal(player.status, "paused");
  });

  test("from anywhere in the last step goes to the end (finished); finished: nothing", () => {
    const { timeline, player } = fake();
    const last = timeline.steps.at(-1);
    for (const t of [last.start, last.end - 0.001]) {
      player.seek(t);
      player.skip();
      assert.equal(player.status, "finished");
      assert.equal(player.position, 708);
    }
    player.skip();
    assert.equal(player.status, "finished");
    assert.equal(player.position, 708);
  });

  test("the one-step tiny timeline skips straight to the end", () => {
    const { player } = fake("tiny");
    player.skip();
    assert.equal(player.status, "finished");
  });

  test("re-arms the cues of the step it lands on", () => {
    const { c, timeline, player } = fake();
    player.play();
    c.now = 2;
    player.poll();
    player.skip();
    assert.deepEqual(player.poll(), timeline.cues.filter((q) => q.time === 5));
  });
});

describe("back", () => {
  test("more than 3 s into a step: to its start; 3 s or less: to the step before", () => {
    const { timeline, player } = fake();
    const s = timeline.steps[5];
    player.seek(s.start + 3.001);
    player.back();
    assert.equal(player.position, s.start);
    player.back();
    assert.equal(player.position, timeline.steps[4].start);
    player.seek(s.start + 3);
    player.back();
    assert.equal(player.position, timeline.steps[4].start);
    player.seek(s.start + 0.001);
    player.back();
    assert.equal(player.position, timeline.steps[4].start);
  });

  test("in the first step: to 0", () => {
    const { timeline, player } = fake();
    player.seek(2);
    player.back();
    assert.equal(player.position, 0);
    player.back();
    assert.equal(player.position, 0);
    assert.equal(player.status, "ready");
    assert.ok(timeline.steps[0].end > 3.001);
    player.seek(3.001);
    player.back();
    assert.equal(player.position, 0);
  });

  test("finished: to the start of the last step, paused", () => {
    const { c, timeline, player } = fake();
    player.play();
    c.now = 1000;
    assert.equal(player.status, "finished");
    player.back();
    assert.equal(player.status, "paused");
    assert.equal(player.position, timeline.steps.at(-1).start);
    const tiny = fake("tiny").player;
    tiny.seek(0.001);
    tiny.back();
    assert.equal(tiny.status, "paused");
    assert.equal(tiny.position, 0);
  });

  test("keeps a playing player playing", () => {
    const { c, timeline, player } = fake();
    player.play();
    c.now = 75; // 7 s into step 5
    player.back();
    assert.equal(player.status, "playing");
    assert.equal(player.position, timeline.steps[5].start);
  });
});

describe("poll", () => {
  test("a ready player returns nothing, even with cues at 0 or after a seek", () => {
    const { c, timeline, player } = fake();
    assert.deepEqual(player.poll(), []);
    player.seek(58);
    assert.deepEqual(player.poll(), []);
    player.play(); // cues start with play()
    assert.deepEqual(player.poll(), timeline.cues.filter((q) => q.time === 58));
    c.now = 1;
    assert.deepEqual(player.poll(), []);
  });

  test("returns each cue once, in order, however often it is called", () => {
    const { c, timeline, player } = fake();
    player.play();
    const got = [];
    for (let t = 0; t <= 720; t += 0.25) {
      c.now = t;
      got.push(...player.poll(), ...player.poll());
    }
    assert.deepEqual(got, [...timeline.cues]);
    assert.equal(got.at(-1).kind, "end");
    assert.deepEqual(player.poll(), []);
  });

  test("the end cue comes when the end is reached, also by a jump of the clock", () => {
    const { c, timeline, player } = fake();
    player.play();
    c.now = 707.999;
    assert.ok(player.poll().every((q) => q.kind !== "end"));
    c.now = 5000;
    const last = player.poll();
    assert.equal(last.at(-1), timeline.cues.at(-1));
    assert.equal(last.at(-1).kind, "end");
    assert.equal(last.at(-1).time, 708);
  });

  test("play() after finished re-arms every cue", () => {
    const { c, timeline, player } = fake("tiny");
    player.play();
    c.now = 1;
    assert.deepEqual(player.poll(), [...timeline.cues]);
    player.play();
    assert.deepEqual(player.poll(), timeline.cues.slice(0, 2));
    c.now = 2;
    assert.deepEqual(player.poll(), timeline.cues.slice(2));
  });

  test("seeking to the end arms the end cue", () => {
    const { timeline, player } = fake();
    player.play();
    player.skip();
    player.seek(708);
    assert.deepEqual(player.poll(), [timeline.cues.at(-1)]);
  });
});

describe("held and completed", () => {
  test("playing everything through holds all hold time, once however often replayed", () => {
    for (const name of Object.keys(SAMPLES)) {
      const { c, player } = fake(name);
      const total = holdTotal(SAMPLES[name]);
      assert.equal(player.held, 0);
      assert.equal(player.completed, false);
      player.play();
      c.now = 10_000;
      assert.equal(player.held, total, name);
      assert.equal(player.completed, true);
      player.play();
      c.now = 20_000;
      assert.equal(player.held, total);
    }
  });

  test("counts only hold steps, only while playing; seeking jumps over", () => {
    const { c, player } = fake();
    player.play();
    c.now = 10; // 5 s transition + 5 s of hold
    assert.equal(player.held, 5);
    player.seek(600); // jumped: nothing held
    assert.equal(player.held, 5);
    player.pause();
    c.now = 100;
    assert.equal(player.held, 5);
    player.seek(8);
    player.play();
    c.now = 104; // 8 .. 12 overlaps the 5 .. 10 already held
    assert.equal(player.held, 7);
    player.seek(0);
    c.now = 140; // 0 .. 36: transition, hold 5..30 (25 s), switch 30..33, hold 33..36
    assert.equal(player.held, 28);
    assert.equal(player.completed, false);
  });

  test("skip and back play nothing", () => {
    const { player } = fake();
    player.play();
    for (let i = 0; i < 100; i++) player.skip();
    assert.equal(player.held, 0);
    player.back();
    player.back();
    assert.equal(player.held, 0);
  });

  test("fractional steps (twist-rounds) total exactly", () => {
    const { c, player } = fake("twist-rounds", { speed: 3 });
    player.play();
    for (let t = 0; t < 300; t += 0.0137) c.now = t, player.held;
    assert.equal(player.held, holdTotal(SAMPLES["twist-rounds"]));
    assert.equal(player.completed, true);
  });
});

describe("hostile clocks", () => {
  test("a reading lower than the highest seen counts as the highest", () => {
    const { c, player } = fake();
    c.now = 10;
    player.play();
    c.now = 5;
    assert.equal(player.position, 0);
    c.now = 12;
    assert.equal(player.position, 2);
    c.now = 11;
    assert.equal(player.position, 2);
    c.now = -100;
    player.pause();
    assert.equal(player.position, 2);
    player.play(); // then = 12 (highest), not -100
    c.now = 13;
    assert.equal(player.position, 3);
  });

  test("a reading that is not a finite number throws a TypeError naming the clock, changing nothing", () => {
    const { c, player } = fake();
    player.play();
    c.now = 4;
    player.poll();
    for (const bad of [NaN, Infinity, -Infinity, undefined, null, "5", {}]) {
      c.now = bad;
      for (const use of [(p) => p.status, (p) => p.position, (p) => p.state, (p) => p.held, (p) => p.completed,
        (p) => p.play(), (p) => p.pause(), (p) => p.seek(1), (p) => p.skip(), (p) => p.back(), (p) => p.poll(),
        (p) => { p.speed = 2; }]) {
        assert.throws(() => use(player), { name: "TypeError", message: /clock/ }, String(bad));
      }
    }
    c.now = 6;
    assert.equal(player.status, "playing");
    assert.equal(player.position, 6);
    assert.equal(player.speed, 1);
    assert.deepEqual(player.poll().map((q) => q.time), [5]);
  });
});

// --- randomized ------------------------------------------------------------------------------

/** mulberry32: a small seeded PRNG giving floats in [0, 1). */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("randomized", () => {
  const names = Object.keys(SAMPLES);

  test("invariants over 3000 random operation sequences", () => {
    const rnd = prng(20240611);
    const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
    for (let run = 0; run < 3000; run++) {
      const name = pick(names);
      const { c, timeline, player } = fake(name);
      const durMs = Math.round(timeline.duration * 1000);
      const holdMs = Math.round(holdTotal(SAMPLES[name]) * 1000);
      const checkHeld = run % 10 === 0; // brute-force the held time on some runs
      const playedMs = checkHeld ? new Uint8Array(durMs) : null;
      let seen = new Set();
      let lastPos = 0, lastStatus = "ready", lastHeld = 0;
      for (let op = 0; op < 60; op++) {
        const r = rnd();
        c.now += r < 0.1 ? -rnd() * 5 : r < 0.2 ? 0 : r < 0.25 ? rnd() * 1000 : rnd() * rnd() * 40;
        const before = player.position; // observes at the op's clock reading
        if (lastStatus === "playing") {
          assert.ok(before >= lastPos, "playing never goes backwards");
          if (checkHeld) playedMs.fill(1, Math.round(lastPos * 1000), Math.round(before * 1000));
        } else {
          assert.equal(before, lastPos, "only a playing player moves");
        }
        const statusBefore = player.status;
        const k = rnd();
        if (k < 0.2) {
          player.play();
          if (statusBefore === "finished") seen = new Set();
        } else if (k < 0.3) player.pause();
        else if (k < 0.4) {
          const t = rnd() < 0.3 ? pick(timeline.steps).start : rnd() < 0.1 ? timeline.duration : rnd() * timeline.duration;
          player.seek(t);
          seen = new Set();
        } else if (k < 0.5) { player.skip(); seen = new Set(); }
        else if (k < 0.58) { player.back(); seen = new Set(); }
        else if (k < 0.65) player.speed = 0.25 + rnd() * 8;
        else {
          const pos = player.position;
          const got = player.poll();
          let prev = -1;
          for (const q of got) {
            assert.ok(timeline.cues.includes(q));
            assert.ok(!seen.has(q), `cue returned twice between seeks (run ${run})`);
            assert.ok(q.time <= pos && q.time >= prev);
            seen.add(q);
            prev = q.time;
          }
          if (statusBefore === "ready") assert.deepEqual(got, []);
        }
        lastPos = player.position;
        lastStatus = player.status;
        assert.ok(lastPos >= 0 && lastPos <= timeline.duration);
        assert.equal(Math.round(lastPos * 1000) / 1000, lastPos, "whole ms");
        assert.equal(lastStatus === "finished", lastPos === timeline.duration);
        if (lastStatus === "finished") assert.equal(player.state, null);
        else assert.deepEqual(player.state, timeline.stateAt(lastPos));
        const held = player.held;
        assert.ok(held >= lastHeld && held * 1000 <= holdMs);
        assert.equal(player.completed, Math.round(held * 1000) === holdMs);
        lastHeld = held;
      }
      if (checkHeld) {
        let expected = 0;
        for (const s of timeline.steps) {
          if (s.kind !== "hold") continue;
          for (let ms = Math.round(s.start * 1000); ms < Math.round(s.end * 1000); ms++) expected += playedMs[ms];
        }
        assert.equal(Math.round(player.held * 1000), expected, `held (run ${run})`);
      }
    }
  });

  test("an uninterrupted run returns exactly the document's cues, whatever the clock and speed do", () => {
    const rnd = prng(7);
    for (let run = 0; run < 2000; run++) {
      const name = names[run % names.length];
      const { c, timeline, player } = fake(name, { speed: 0.5 + rnd() * 4 });
      c.now = rnd() * 1e6;
      player.play();
      const got = [];
      for (let guard = 0; player.status !== "finished" || got.length < timeline.cues.length; guard++) {
        assert.ok(guard < 100_000, `run ${run} (${name}) never finished`);
        const r = rnd();
        c.now += r < 0.1 ? -rnd() : r < 0.15 ? 0 : rnd() * rnd() * (timeline.duration / 20 + 0.002);
        if (r > 0.97) player.speed = 0.5 + rnd() * 4;
        else if (r > 0.94 && player.status === "playing") { player.pause(); c.now += rnd() * 100; player.play(); }
        got.push(...player.poll());
        if (got.length > timeline.cues.length) break;
      }
      assert.deepEqual(got, [...timeline.cues], `run ${run} (${name})`);
    }
  });
});

test("trace.mjs (for the Python comparison) is deterministic and JSON-clean", () => {
  const d = doc("twist-rounds");
  const ops = randomOps(loadTimeline(d), 99, 400);
  assert.deepEqual(ops, randomOps(loadTimeline(d), 99, 400));
  const once = JSON.stringify(trace(d, ops));
  assert.equal(once, JSON.stringify(trace(d, ops)));
  assert.deepEqual(JSON.parse(once), trace(d, ops), "survives a JSON round trip");
});
