// TypeScript declarations of stretchkit's documents, one interface per type.
// Generated from the JSON Schemas by stretchkit.export.to_typescript()
// (`stretchkit export --format ts`); do not edit by hand.
//
// Format versions: stretch 1, routine 1, timeline 2, catalog 1, program 1, journal 1, session-record 1.

/** Any JSON value: what `meta` holds (the app's own data, kept verbatim). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Pose {
  name: string;
  hold?: number | [number, number] | null;
  cue?: string;
  breath?: "inhale" | "exhale" | "hold" | "natural" | null;
  names?: Partial<Record<"en" | "de" | "es" | "fr", string>>;
  cues?: Partial<Record<"en" | "de" | "es" | "fr", string>>;
}

export interface Stretch {
  id?: string;
  name: string;
  hold: number | [number, number];
  reps?: number | [number, number];
  sides?: "none" | "each" | "left" | "right";
  side_order?: "alternate" | "blocked";
  first_side?: "left" | "right";
  rest?: number | [number, number];
  switch?: number | [number, number];
  poses?: Pose[];
  summary?: string;
  instructions?: string[];
  targets?: string[];
  position?: string | null;
  equipment?: string[];
  names?: Partial<Record<"en" | "de" | "es" | "fr", string>>;
  codes?: { [key: string]: string };
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

/** A catalog stretch by id; the other keys override its values. */
export interface StretchRef {
  ref: string;
  name?: string;
  hold?: number | [number, number];
  reps?: number | [number, number];
  sides?: "none" | "each" | "left" | "right";
  side_order?: "alternate" | "blocked";
  first_side?: "left" | "right";
  rest?: number | [number, number];
  switch?: number | [number, number];
  poses?: Pose[];
  summary?: string;
  instructions?: string[];
  targets?: string[];
  position?: string | null;
  equipment?: string[];
  names?: Partial<Record<"en" | "de" | "es" | "fr", string>>;
  codes?: { [key: string]: string };
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

export interface Routine {
  id?: string;
  name: string;
  stretches: (Stretch | StretchRef)[];
  transition?: number | [number, number];
  lead_in?: number | [number, number];
  rounds?: number;
  description?: string;
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

export interface Program {
  id?: string;
  name: string;
  routines: (Routine | RoutineRef)[];
  days?: number[];
  weeks?: number;
  start_level?: number;
  end_level?: number;
  pain_green_max?: number;
  pain_red_min?: number;
  description?: string;
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

/** A catalog routine by id; the other keys override its values. */
export interface RoutineRef {
  ref: string;
  name?: string;
  stretches?: (Stretch | StretchRef)[];
  transition?: number | [number, number];
  lead_in?: number | [number, number];
  rounds?: number;
  description?: string;
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

export interface SessionRecord {
  /** A date, YYYY-MM-DD. */
  date: string;
  routine: string;
  level: number;
  planned: number;
  held: number;
  completed: boolean;
  pain_before?: number | null;
  pain_after?: number | null;
  note?: string;
  program?: string | null;
  session?: number | null;
}

/** stretchkit stretch document, format 1 */
export interface StretchDocument {
  /** The format version. */
  stretchkit: 1;
  type: "stretch";
  id?: string;
  name: string;
  hold: number | [number, number];
  reps?: number | [number, number];
  sides?: "none" | "each" | "left" | "right";
  side_order?: "alternate" | "blocked";
  first_side?: "left" | "right";
  rest?: number | [number, number];
  switch?: number | [number, number];
  poses?: Pose[];
  summary?: string;
  instructions?: string[];
  targets?: string[];
  position?: string | null;
  equipment?: string[];
  names?: Partial<Record<"en" | "de" | "es" | "fr", string>>;
  codes?: { [key: string]: string };
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

/** stretchkit routine document, format 1 */
export interface RoutineDocument {
  /** The format version. */
  stretchkit: 1;
  type: "routine";
  id?: string;
  name: string;
  stretches: (Stretch | StretchRef)[];
  transition?: number | [number, number];
  lead_in?: number | [number, number];
  rounds?: number;
  description?: string;
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

/** stretchkit timeline document, format 2 */
export interface TimelineDocument {
  /** The format version. */
  stretchkit: 2;
  type: "timeline";
  /** The language of the labels and the cues. */
  language: "en" | "de" | "es" | "fr";
  level: number;
  duration: number;
  routine: Routine;
  /** One list per field, one entry per step (column-wise). */
  steps: {
    start: number[];
    duration: number[];
    kind: ("hold" | "rest" | "switch" | "transition")[];
    side: ("none" | "left" | "right")[];
    rep: number[];
    reps: number[];
    pose: number[];
    round: number[];
    item: number[];
    label: string[];
  };
  /** What to say or show, in time order (countdown 3). */
  cues: {
    /** Seconds. */
    time: number;
    text: string;
    kind: "ready" | "start" | "breath" | "switch" | "rest" | "countdown" | "end";
  }[];
}

/** stretchkit catalog document, format 1 */
export interface CatalogDocument {
  /** The format version. */
  stretchkit: 1;
  type: "catalog";
  stretches?: Stretch[];
  routines?: Routine[];
  programs?: Program[];
}

/** stretchkit program document, format 1 */
export interface ProgramDocument {
  /** The format version. */
  stretchkit: 1;
  type: "program";
  id?: string;
  name: string;
  routines: (Routine | RoutineRef)[];
  days?: number[];
  weeks?: number;
  start_level?: number;
  end_level?: number;
  pain_green_max?: number;
  pain_red_min?: number;
  description?: string;
  /** The app's own data, kept verbatim. */
  meta?: { [key: string]: JsonValue };
}

/** stretchkit journal document, format 1 */
export interface JournalDocument {
  /** The format version. */
  stretchkit: 1;
  type: "journal";
  records?: SessionRecord[];
}

/** stretchkit session-record document, format 1 */
export interface SessionRecordDocument {
  /** The format version. */
  stretchkit: 1;
  type: "session-record";
  /** A date, YYYY-MM-DD. */
  date: string;
  routine: string;
  level: number;
  planned: number;
  held: number;
  completed: boolean;
  pain_before?: number | null;
  pain_after?: number | null;
  note?: string;
  program?: string | null;
  session?: number | null;
}

/** Any stretchkit document; its `type` tells which. */
export type StretchkitDocument = StretchDocument | RoutineDocument | TimelineDocument | CatalogDocument | ProgramDocument | JournalDocument | SessionRecordDocument;
