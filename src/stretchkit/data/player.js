/**
 * stretchkit's player engine for the web: plays a stretchkit timeline document.
 *
 * Written by `stretchkit.export.to_player_module()` (and `stretchkit export --format js`).
 * No dependencies; an ES module for browsers and Node 18+. It follows the rules of
 * the Python `stretchkit.Player` expression for expression, and the library's tests
 * check that both give the same states, positions, statuses and cues for the same
 * clock readings and calls. It derives nothing: the labels and the cues (in the
 * document's language) come from the document, which stretchkit wrote and checked.
 *
 * Times are seconds outside (a whole number of milliseconds, `ms / 1000`) and
 * integer milliseconds inside, so nothing drifts however long the timeline.
 *
 * @example
 *   import { loadTimeline, createPlayer } from "./player.js";
 *   const timeline = loadTimeline(await (await fetch("timeline.json")).json());
 *   const player = createPlayer(timeline);
 *   player.play();
 *   setInterval(() => {
 *     for (const cue of player.poll()) console.log(cue.text); // or speak it
 *     const state = player.state; // null once finished
 *     if (state) show(timeline.steps[state.index].label, state.stepRemaining);
 *   }, 250);
 *
 * @module stretchkit/player
 */

/**
 * @typedef {object} Step  One step of a timeline; times in seconds.
 * @property {number} index
 * @property {"hold"|"rest"|"switch"|"transition"} kind
 * @property {number} start
 * @property {number} duration
 * @property {number} end  the start of the next step (the timeline's duration for the last)
 * @property {string} label  in the document's language
 * @property {string|null} stretch  id of the stretch the step belongs to
 * @property {"left"|"right"|null} side
 * @property {number} rep
 * @property {number} reps
 */
/**
 * @typedef {object} Cue  Something to say or show at `time` seconds, in the document's language.
 * @property {number} time
 * @property {string} text
 * @property {"ready"|"start"|"breath"|"switch"|"rest"|"countdown"|"end"} kind
 */
/**
 * @typedef {object} State  Where an instant falls: seconds, computed exactly as Python's `Timeline.state`.
 * @property {number} index  the current step
 * @property {number} elapsed  seconds since the start
 * @property {number} remaining  seconds left overall
 * @property {number} stepElapsed  seconds since the step started
 * @property {number} stepRemaining  seconds left in the step
 * @property {number} progress  elapsed / duration, from 0 up to (not including) 1
 */
/**
 * @typedef {object} Timeline  What {@link loadTimeline} returns (frozen).
 * @property {string} language  of the labels and cues ("en", "de", "es" or "fr")
 * @property {number} duration  seconds
 * @property {ReadonlyArray<Step>} steps
 * @property {ReadonlyArray<Cue>} cues  in time order
 * @property {(t: number) => State|null} stateAt  the state at `t` seconds; null when t >= duration
 * @property {(t: number) => number} indexAt  the step with start <= t < end; RangeError outside [0, duration)
 */

const COLUMNS = ["start", "duration", "kind", "item", "round", "side", "rep", "reps", "pose", "label"];
const BACK_GRACE_MS = 3000; // back() within the first 3 s of a step goes to the step before
const internals = new WeakMap(); // Timeline -> millisecond arrays the player works with

const toMs = (seconds) => Math.round(seconds * 1000);
const truncateMs = (seconds) => Math.floor(seconds * 1000 + 1e-6); // + 1e-6 absorbs float noise

/** Index of the last entry of the sorted array `xs` that is <= x (-1 when none is). */
function lastAtOrBelow(xs, x) {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid + 1; else hi = mid;
  }
  return lo - 1;
}

function fail(message) {
  throw new Error(`stretchkit: ${message}`);
}

function checkNumber(value, what) {
  if (typeof value !== "number") throw new TypeError(`stretchkit: ${what} must be a number, got ${typeof value}`);
}

/**
 * Reads a timeline document (the JSON object of format version 2) into a frozen {@link Timeline}.
 * @param {object} doc  the parsed timeline document
 * @returns {Timeline}
 * @throws {Error} when `doc` is not a version-2 timeline document or its columns differ in length
 */
export function loadTimeline(doc) {
  if (doc === null || typeof doc !== "object" || doc.stretchkit !== 2 || doc.type !== "timeline") {
    fail('not a timeline document of format version 2 (expected "stretchkit": 2 and "type": "timeline")');
  }
  const cols = doc.steps;
  if (cols === null || typeof cols !== "object") fail('the timeline document has no "steps" columns');
  for (const name of COLUMNS) {
    if (!Array.isArray(cols[name])) fail(`the steps column "${name}" is missing or not a list`);
    if (cols[name].length !== cols.start.length) {
      fail(`the steps columns differ in length ("start" has ${cols.start.length}, "${name}" has ${cols[name].length})`);
    }
  }
  const n = cols.start.length;
  if (n === 0) fail("the timeline has no steps");
  if (typeof doc.duration !== "number" || !(doc.duration >= 0)) fail('"duration" must be a number of seconds');
  if (!Array.isArray(doc.cues)) fail('"cues" must be a list');

  const durationMs = toMs(doc.duration);
  const startMs = cols.start.map(toMs);
  startMs.forEach((ms, i) => {
    if (!(ms >= (i ? startMs[i - 1] : 0) && ms <= durationMs) || (i === 0 && ms !== 0)) {
      fail(`step ${i} starts at ${cols.start[i]}: steps must start at 0, in order, within the duration`);
    }
  });
  const endMs = startMs.map((_, i) => (i + 1 < n ? startMs[i + 1] : durationMs));
  const stretches = (doc.routine && doc.routine.stretches) || [];
  const steps = startMs.map((ms, i) => Object.freeze({
    index: i,
    kind: cols.kind[i],
    start: ms / 1000,
    duration: toMs(cols.duration[i]) / 1000,
    end: endMs[i] / 1000,
    label: cols.label[i],
    stretch: stretches[cols.item[i]] ? stretches[cols.item[i]].id : null,
    side: cols.side[i] === "left" || cols.side[i] === "right" ? cols.side[i] : null,
    rep: cols.rep[i],
    reps: cols.reps[i],
  }));
  const cueMs = doc.cues.map((cue) => toMs(cue.time));
  cueMs.forEach((ms, i) => {
    if (!(ms >= (i ? cueMs[i - 1] : 0) && ms <= durationMs)) fail(`cue ${i} is out of time order or range`);
  });
  const cues = doc.cues.map((cue, i) => Object.freeze({ time: cueMs[i] / 1000, text: String(cue.text), kind: cue.kind }));

  // Hold time before each step, to measure how much hold time an interval covers.
  const holdBefore = [0];
  steps.forEach((s, i) => holdBefore.push(holdBefore[i] + (s.kind === "hold" ? endMs[i] - startMs[i] : 0)));

  const duration = durationMs / 1000;
  const startS = steps.map((s) => s.start);

  function indexAt(t) {
    checkNumber(t, "the time");
    if (!(t >= 0 && t < duration)) throw new RangeError(`stretchkit: time ${t} is outside [0, ${duration})`);
    return lastAtOrBelow(startS, t);
  }

  function stateAt(t) {
    checkNumber(t, "the time");
    if (t >= duration) return null;
    const step = steps[indexAt(t)];
    return {
      index: step.index,
      elapsed: t,
      remaining: duration - t,
      stepElapsed: t - step.start,
      stepRemaining: step.end - t,
      progress: t / duration,
    };
  }

  const timeline = Object.freeze({
    language: String(doc.language),
    duration,
    steps: Object.freeze(steps),
    cues: Object.freeze(cues),
    stateAt,
    indexAt,
  });
  internals.set(timeline, { durationMs, startMs, cueMs, holdBefore });
  return timeline;
}

/**
 * @typedef {object} Player  What {@link createPlayer} returns. Every member but `speed`'s getter
 *   first reads the clock once; a playing player whose position reaches the end becomes "finished".
 * @property {"ready"|"playing"|"paused"|"finished"} status  (read-only)
 * @property {number} position  seconds into the timeline, whole milliseconds (read-only)
 * @property {number} held  seconds of hold time played through, each moment counted once (read-only)
 * @property {boolean} completed  whether every hold step has been played through in full (read-only)
 * @property {State|null} state  `timeline.stateAt(position)`, null when finished (read-only)
 * @property {number} speed  playing speed, a number > 0 (1 = real time); changing it never moves position
 * @property {() => void} play  start, resume, or restart from 0 when finished
 * @property {() => void} pause  pause when playing
 * @property {(t: number) => void} seek  go to `t` seconds (0 <= t <= duration, else RangeError)
 * @property {() => void} skip  go to the start of the next step (the end, from the last step)
 * @property {() => void} back  go to the start of this step, or of the one before within its first 3 s
 * @property {() => Cue[]} poll  the cues reached since the last poll or seek, each once, in order
 */

/**
 * Creates a player for a timeline.
 * @param {Timeline|object} timeline  from {@link loadTimeline} (a raw document is loaded first)
 * @param {object} [options]
 * @param {() => number} [options.clock]  returns seconds; default `performance.now() / 1000`
 * @param {number} [options.speed=1]  playing speed, > 0
 * @returns {Player}
 */
export function createPlayer(timeline, { clock = () => performance.now() / 1000, speed = 1 } = {}) {
  const tl = internals.has(timeline) ? timeline : loadTimeline(timeline);
  const { durationMs, startMs, cueMs, holdBefore } = internals.get(tl);
  if (typeof clock !== "function") throw new TypeError("stretchkit: clock must be a function returning seconds");
  checkSpeed(speed);

  let status = "ready";
  let posMs = 0; // position, whole ms
  let baseMs = 0; // position at the last play, seek or speed change while playing ...
  let then = 0; // ... and the clock reading at that moment
  let rate = speed;
  let latest = -Infinity; // highest clock reading so far
  let next = 0; // index of the first cue not yet returned by poll()
  const played = []; // sorted, disjoint [fromMs, toMs] intervals the player has played through
  let heldMs = 0;

  function checkSpeed(value) {
    checkNumber(value, "speed");
    if (!(value > 0 && value < Infinity)) throw new RangeError(`stretchkit: speed must be > 0 and finite, got ${value}`);
  }

  /** Reads the clock (never backwards) and brings a playing player up to date; returns the reading. */
  function observe() {
    const reading = clock();
    if (typeof reading !== "number" || !Number.isFinite(reading)) {
      throw new TypeError(`stretchkit: the player's clock returned ${String(reading)}, not a finite number of seconds`);
    }
    if (reading > latest) latest = reading;
    if (status === "playing") {
      const ms = Math.min(durationMs, baseMs + Math.floor((latest - then) * rate * 1000 + 1e-6));
      markPlayed(posMs, ms);
      posMs = ms;
      if (posMs >= durationMs) status = "finished";
    }
    return latest;
  }

  /** Hold time (ms) in [0, ms). */
  function holdUpTo(ms) {
    const i = lastAtOrBelow(startMs, ms);
    return holdBefore[i] + (holdBefore[i + 1] > holdBefore[i] ? ms - startMs[i] : 0);
  }

  /** Adds [a, b] to the played intervals, counting the hold time not played before. */
  function markPlayed(a, b) {
    if (b <= a) return;
    let gained = holdUpTo(b) - holdUpTo(a);
    let lo = a, hi = b, i = 0;
    while (i < played.length && played[i][1] < a) i++;
    let j = i;
    for (; j < played.length && played[j][0] <= b; j++) {
      const [c, d] = played[j];
      gained -= Math.max(0, holdUpTo(Math.min(b, d)) - holdUpTo(Math.max(a, c)));
      lo = Math.min(lo, c);
      hi = Math.max(hi, d);
    }
    played.splice(i, j - i, [lo, hi]);
    heldMs += gained;
  }

  /** Moves to `ms` (a seek), re-arming the cues at or after it; `now` is this call's clock reading. */
  function moveTo(ms, now) {
    posMs = ms;
    next = lastAtOrBelow(cueMs, ms - 1) + 1; // first cue with time >= ms
    if (ms >= durationMs) status = "finished";
    else if (status === "finished") status = "paused";
    else if (status === "playing") { baseMs = ms; then = now; }
  }

  const stepIndex = () => lastAtOrBelow(startMs, posMs);

  return {
    get status() { observe(); return status; },
    get position() { observe(); return posMs / 1000; },
    get held() { observe(); return heldMs / 1000; },
    get completed() { observe(); return heldMs === holdBefore[holdBefore.length - 1]; },
    get state() { observe(); return status === "finished" ? null : tl.stateAt(posMs / 1000); },
    get speed() { return rate; },
    set speed(value) {
      const now = observe();
      checkSpeed(value);
      if (status === "playing") { baseMs = posMs; then = now; }
      rate = value;
    },

    play() {
      const now = observe();
      if (status === "playing") return;
      if (status === "finished") { posMs = 0; next = 0; }
      status = "playing";
      baseMs = posMs;
      then = now;
    },

    pause() {
      observe();
      if (status === "playing") status = "paused";
    },

    seek(t) {
      const now = observe();
      checkNumber(t, "the seek time");
      if (!(t >= 0 && t <= tl.duration)) throw new RangeError(`stretchkit: cannot seek to ${t}, outside [0, ${tl.duration}]`);
      moveTo(truncateMs(t), now);
    },

    skip() {
      const now = observe();
      if (status === "finished") return;
      const i = stepIndex();
      moveTo(i + 1 < startMs.length ? startMs[i + 1] : durationMs, now);
    },

    back() {
      const now = observe();
      if (status === "finished") {
        moveTo(startMs[startMs.length - 1], now);
      } else {
        const i = stepIndex();
        moveTo(posMs - startMs[i] > BACK_GRACE_MS ? startMs[i] : startMs[Math.max(0, i - 1)], now);
      }
    },

    poll() {
      observe();
      if (status === "ready") return [];
      const start = next;
      while (next < cueMs.length && cueMs[next] <= posMs) next++;
      return tl.cues.slice(start, next);
    },
  };
}
