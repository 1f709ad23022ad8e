/**
 * Board commands — the only way the UI, the server and tools change a board document.
 *
 * Every command has the shape `command(doc, args, origin)`, validates `args` first (throwing a
 * `BoardCommandError` with `code` and `field` before anything is written), then makes all its
 * changes in ONE `doc.transact(fn, origin)`. Pass the session's `origin` so the undo manager
 * tracks local edits only. Ids and times come from the caller: core has no clock or randomness.
 * Batch commands skip ids that no longer exist (another peer deleted them) and return the ids
 * they acted on; single-entity updates on a missing id throw `not-found`.
 *
 * Notes      createNote, moveNotes (dx/dy batch), placeNotes (absolute), recolourNotes,
 *            deleteNotes (also drops their votes and sourceNoteIds), duplicateNotes
 * Text       setNoteText (whole value, minimal diff), insertNoteText, deleteNoteText,
 *            applyNoteTextDelta; generic setText / editText for every TEXT_KEYS field (titles,
 *            objective descriptions, check-in notes; `field` picks one).
 *            For a live editor bind `getNoteText(doc, id)` (a Y.Text) — but re-bind when the
 *            entity map's `text` key changes (migrate / applyConversion may replace the Y.Text).
 * Groups     createGroup, renameGroup, setGroupBounds (moving carries its notes),
 *            recolourGroup, deleteGroup (unassigns notes), assignNotes, unassignNotes
 * Votes      castVote (throws vote-budget-exhausted), retractVote
 * Reactions  toggleReaction (a member's emoji on a note, ./reactions.ts)
 * Facilitate setPhase, revealNotes, revealVotes, startTimer, stopTimer, setVoteBudget,
 *            setBoardTitle, setBoardTimeframe
 * Timer      pauseTimer, resumeTimer, addTimerTime (./timer.ts; timerRemaining reads it)
 * Agenda     startAgenda, goToStep, extendStep, editAgenda, endAgenda (./agenda.ts; a play
 *            is a value, core/play)
 * OKRs       create/update/delete Objective, KeyResult, CheckIn, Initiative (partial updates;
 *            deleting an objective deletes its KRs, their check-ins and its initiatives)
 * Gestures   makeKeyResultAnInitiative, reorderObjectives, reorderKeyResults (several entities,
 *            one transaction, validated before any write)
 * Selection  dropNotes (move + regroup + flow into the frame's grid), deleteSelection,
 *            recolourSelection, frameSelection, acceptGroupingProposal (in ./selection.ts;
 *            all-or-nothing, one
 *            undo step; positions from NOTE_SIZE and ../layout.ts)
 * Tidy       tidyUp: a selection or the whole board without overlaps, frames' notes in grids
 *            (./tidy.ts; geometry in ../tidy.ts and ../tidy-pack.ts)
 * Retro      setRetroAnswer, openRetroAnswers + editRetroAnswer (bound answers), carryForward
 *            (in ./retro.ts)
 * Stretch    stretchKeyResult: once per KR, keeps originalTarget, may retitle (./stretch.ts)
 * Members    joinBoard (once per person, or when their name or colour changed), renameMember
 *            (./members.ts; owners store the member id, core/board/members.ts resolves it)
 * Convert    applyConversion(doc, result, origin, selection?) — idempotent, keeps user edits,
 *            records the decisions it implies; recordConversionDecision,
 *            withdrawConversionDecisions, readConversionDecisions (./conversion-decisions.ts)
 * Migrate    migrate(doc, origin) in ../migrate.ts — run once after loading a board
 *
 * Reading: readBoard(doc) or the per-collection readers in ../read.ts; observeBoard /
 * observeCollection in ../observe.ts; visibleTally / sealedTotals in
 * ../visibility.ts; ranking / remainingVotes in ../votes.ts.
 */
export * from './notes'
export * from './text'
export * from './groups'
export * from './voting'
export * from './facilitation'
export * from './okr'
export * from './conversion'
export * from './conversion-decisions'
export * from './gestures'
export * from './selection'
export * from './tidy'
export * from './retro'
export * from './stretch'
export * from './members'
export * from './timer'
export * from './agenda'
export * from './reactions'
