// A frontend in 40 lines: play a stretchkit timeline document and show now / next / remaining.
// player.js, stretchkit.d.ts and timeline.json come from the stretchkit command (see README.md).
import { createPlayer, loadTimeline } from "./player.js";
import type { TimelineDocument } from "./stretchkit.js";

function $(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
}

/** Seconds as m:ss, rounded up: 24.2 s left shows as 0:25. */
function clock(seconds: number): string {
  const s = Math.ceil(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

async function main(): Promise<void> {
  const doc: TimelineDocument = await (await fetch("timeline.json")).json();
  document.title = doc.routine.name;
  const timeline = loadTimeline(doc);
  const player = createPlayer(timeline);
  $("toggle").addEventListener("click", () => (player.status === "playing" ? player.pause() : player.play()));
  setInterval(() => {
    for (const cue of player.poll()) $("cue").textContent = cue.text; // or speak it
    const state = player.state; // null once finished
    if (state === null) {
      [$("now").textContent, $("next").textContent, $("remaining").textContent] = ["Done", "", "0:00"];
      return;
    }
    const step = timeline.steps[state.index];
    let next = timeline.steps[state.index + 1]; // a get-ready step is followed by what it announces:
    if (next?.kind === "transition") next = timeline.steps[state.index + 2];
    $("now").textContent = `${step.label} (${clock(state.stepRemaining)})`;
    $("next").textContent = next ? `Next: ${next.label}` : "Last step";
    $("remaining").textContent = `${clock(state.remaining)} left of ${clock(timeline.duration)}`;
  }, 250);
}

main();
