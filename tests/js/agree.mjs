// The JavaScript half of tests/test_frontend.py: runs the player module, and ajv, on what
// Python wrote, and writes what they say, for Python to compare with its own answers.
//
//   node agree.mjs JOB.json RESULTS.json
//
// JOB: {schemas: {type: path of the published schema}, cases: [{doc, times, runs}],
//       documents: [{type, doc}]}
//   cases[i].doc    a timeline document (version 2) that Python wrote
//   cases[i].times  instants (seconds) to ask stateAt and indexAt about
//   cases[i].runs   lists of operations, each for trace() on a new player (see trace.mjs)
// RESULTS: {cases: [{states, indexes, traces, schema}], documents: [{valid, errors}]}
//   states[j]   stateAt(times[j]) (null at or past the end), or {error: the error's name}
//   indexes[j]  indexAt(times[j]), or the name of the error it throws
import { readFileSync, writeFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { loadTimeline } from "../../src/stretchkit/data/player.js";
import { trace } from "./trace.mjs";

const [jobPath, resultsPath] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobPath, "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = {};
for (const [type, path] of Object.entries(job.schemas)) {
  validators[type] = ajv.compile(JSON.parse(readFileSync(path, "utf8")));
}

function validate(type, doc) {
  const check = validators[type];
  if (!check) return { valid: false, errors: [`no published schema for type ${type}`] };
  const valid = check(doc);
  return { valid, errors: valid ? [] : check.errors.map((e) => `${e.instancePath} ${e.message}`) };
}

function attempt(f, onError) {
  try {
    return f();
  } catch (error) {
    return onError(error.name);
  }
}

const cases = job.cases.map(({ doc, times, runs }) => {
  const timeline = loadTimeline(doc);
  return {
    states: times.map((t) => attempt(() => timeline.stateAt(t), (error) => ({ error }))),
    indexes: times.map((t) => attempt(() => timeline.indexAt(t), (error) => error)),
    traces: runs.map((ops) => trace(doc, ops)),
    schema: validate("timeline", doc),
  };
});
const documents = job.documents.map(({ type, doc }) => validate(type, doc));
writeFileSync(resultsPath, JSON.stringify({ cases, documents }));
