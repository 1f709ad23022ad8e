/**
 * The simpler step helps: the cheat-sheet, the brainstorm question with tips, "outcomes not
 * tasks" and owners while identifying key results, the monthly scoring's missing check-ins,
 * and the retrospective's questions with the facts the retrospective tab fills in.
 */
import { html } from 'lit'
import { makeKeyResultAnInitiative } from '../../../core/board/commands/gestures'
import { updateKeyResult } from '../../../core/board/commands/okr'
import { readCarriedFrom } from '../../../core/board/commands/retro'
import { formatScore } from '../../../core/export/format'
import { RETRO_QUESTIONS } from '../../../core/board/commands/retro'
import { CHEAT_SHEET, type PlayStep } from '../../../core/play/play-model'
import type { BoardController } from '../../board/board-controller'
import { newId } from '../../board/ids'
import { counted, formatDay } from '../../okr/labels'
import { chooseTimeframe, predictedText, retroFacts, timeframeChoices } from '../../okr/retro-model'
import {
  BRAINSTORM_QUESTION,
  BRAINSTORM_TIPS,
  keyResultsHelp,
  notCheckedInThisMonth,
  type KeyResultRef,
} from './help-model'
import { me } from './loose-ends-view'

export function cheatSheetView() {
  return html`<h3>Cheat-sheet</h3>
    <ul data-testid="help-cheat-sheet">
      ${CHEAT_SHEET.map((line) => html`<li>${line}</li>`)}
    </ul>
    <p class="muted">
      Scores run from 0 to 1; 0.7 is a success. OKRs are meant to feel uncomfortable.
    </p>`
}

export function brainstormView(step: PlayStep | null) {
  return html`<h3>Brainstorm</h3>
    <p class="question" data-testid="help-question">
      ${step?.prompt.trim() ? step.prompt : BRAINSTORM_QUESTION}
    </p>
    <ul>
      ${BRAINSTORM_TIPS.map((tip) => html`<li>${tip}</li>`)}
    </ul>`
}

const krLine = (kr: KeyResultRef, extra: unknown = null) =>
  html`<li data-testid=${`help-kr-${kr.id}`}>
    <strong>${kr.title}</strong> <span class="muted">(${kr.objectiveTitle})</span> ${extra}
  </li>`

export function keyResultsView(board: BoardController) {
  const help = keyResultsHelp(board.cycleSnapshot)
  return html`<h3>Key results: outcomes, not tasks</h3>
    <p class="muted">
      What would we see, and measure, if we reached the objective? Every key result gets an owner.
    </p>
    <h4>Read like tasks</h4>
    ${
      help.tasks.length === 0
        ? html`<p class="ok" data-testid="help-no-tasks">
            None: every key result reads as an outcome.
          </p>`
        : html`<ul data-testid="help-tasks">
            ${help.tasks.map(({ kr, verb }) =>
              krLine(
                kr,
                html`<span class="muted">starts with “${verb}”: a task, not an outcome.</span> ${
                    board.canEdit
                      ? html`<button
                          data-testid=${`help-initiative-${kr.id}`}
                          @click=${() =>
                            board.run(makeKeyResultAnInitiative, {
                              keyResultId: kr.id,
                              initiativeId: newId(),
                            })}
                        >
                          Make it an initiative
                        </button>`
                      : null
                  }`,
              ),
            )}
          </ul>`
    }
    <h4>Without an owner</h4>
    ${
      help.withoutOwner.length === 0
        ? html`<p class="ok" data-testid="help-all-owned">
            ${help.total === 0 ? 'No key results yet.' : `All ${help.total} have an owner.`}
          </p>`
        : html`<ul data-testid="help-no-owner">
            ${help.withoutOwner.map((kr) =>
              krLine(
                kr,
                board.canEdit
                  ? html`<button
                      data-testid=${`help-own-${kr.id}`}
                      ?disabled=${!board.identity.name}
                      @click=${() => board.run(updateKeyResult, { id: kr.id, owner: me(board) })}
                    >
                      Assign to me
                    </button>`
                  : null,
              ),
            )}
          </ul>`
    }`
}

export function scoringView(board: BoardController) {
  const missing = notCheckedInThisMonth(board.okrs, board.now)
  return html`<h3>Monthly scoring</h3>
    <p class="muted">
      Each key result: its value now, a predicted end-of-quarter score (0.0–1.0), and a comment on
      how you came to it.
    </p>
    ${
      missing.length === 0
        ? html`<p class="ok" data-testid="help-all-checked-in">
            Every key result has a check-in this month.
          </p>`
        : html`<p data-testid="help-not-checked-in-count">
              ${counted(missing.length, 'key result')} not checked in this month:
            </p>
            <ul data-testid="help-not-checked-in">
              ${missing.map(({ kr, lastCheckInAt }) =>
                krLine(
                  kr,
                  html`<span class="muted"
                    >${lastCheckInAt === null ? 'never' : `last ${formatDay(lastCheckInAt)}`}</span
                  >`,
                ),
              )}
            </ul>`
    }`
}

export function retroFactsView(board: BoardController) {
  const choice = chooseTimeframe(
    timeframeChoices(board.snapshot),
    board.cycle?.label ?? null,
    board.now,
  )
  const facts =
    choice === null
      ? null
      : retroFacts(board.snapshot, board.okrs, choice.label, board.derive(readCarriedFrom))
  return html`<h3>Retrospective</h3>
    <ol class="questions">
      ${RETRO_QUESTIONS.map((q) => html`<li>${q.text}</li>`)}
    </ol>
    ${
      facts === null
        ? html`<p class="muted">Give the board a timeframe to gather its facts.</p>`
        : html`<h4>The facts of ${facts.label}</h4>
            <ul data-testid="help-retro-facts">
              ${facts.objectives.map(
                (o) =>
                  html`<li>
                    <strong>${o.title}</strong>: final ${formatScore(o.final)}
                    <ul>
                      ${o.keyResults.map(
                        (kr) =>
                          html`<li>
                            ${kr.title}: ${predictedText(kr) || `final ${formatScore(kr.final)}`}
                          </li>`,
                      )}
                    </ul>
                  </li>`,
              )}
            </ul>
            <p class="muted" data-testid="help-retro-predictions">
              ${
                facts.predicted === 0
                  ? 'No key result had a predicted score.'
                  : `${facts.predictedWell} of ${facts.predicted} predictions ended within 0.1 of the final score.`
              }
              ${
                facts.carriedForward.length === 0
                  ? ''
                  : ` Carried forward: ${facts.carriedForward.map((c) => `${c.title} → ${c.into}`).join(', ')}.`
              }
            </p>
            <p class="muted">
              The Retrospective tab holds the answers and carries objectives forward.
            </p>`
    }`
}
