/**
 * The canvas toolbar's HTML as plain template functions (./sb-canvas-toolbar.ts decides what
 * shows and what each button does): the creation tools, the reaction picker, the follow chip,
 * and "Bring everyone to me" ("I'm done" is its own element, client/facilitation/sb-done-mark.ts).
 */
import type { TemplateResult } from 'lit'
import { html, nothing } from 'lit'
import { NOTE_PALETTE } from '../../core/board/colors'
import { REACTIONS, type Reaction } from '../../core/board/reactions'
import type { Followed } from './follow-state'

export interface ToolHandlers {
  readonly newNote: () => void
  readonly newFrame: () => void
  readonly pickColour: (color: string) => void
  readonly toggleVoteMode: () => void
}

export interface ToolsView {
  readonly colour: string
  /** Null: not the vote phase, no vote mode offered. */
  readonly voteMode: boolean | null
  readonly framesSelection: boolean
}

export function tools(view: ToolsView, on: ToolHandlers): TemplateResult {
  return html`<div class="group" role="group" aria-label="Create">
    <button
      type="button"
      data-testid="tool-note"
      aria-label="New note (N)"
      title="New note at the centre (N)"
      @click=${on.newNote}
    >
      <span class="chip" style="background:${view.colour}"></span> Note
    </button>
    <button
      type="button"
      data-testid="tool-frame"
      aria-label=${view.framesSelection ? 'Frame the selected notes' : 'New frame'}
      title=${view.framesSelection ? 'Put the selected notes in a new frame' : 'New frame'}
      @click=${on.newFrame}
    >
      Frame
    </button>
    <span class="swatches" role="radiogroup" aria-label="Note colour">
      ${Object.entries(NOTE_PALETTE).map(
        ([name, c]) =>
          html`<button
            type="button"
            role="radio"
            class="swatch"
            style="background:${c}"
            aria-checked=${view.colour === c ? 'true' : 'false'}
            aria-label="Note colour ${name}"
            title="Colour for new notes and the selection: ${name}"
            data-testid="tool-colour-${name}"
            @click=${() => on.pickColour(c)}
          ></button>`,
      )}
    </span>
    ${
      view.voteMode === null
        ? nothing
        : html`<button
            type="button"
            class="toggle"
            data-testid="tool-vote"
            aria-pressed=${view.voteMode ? 'true' : 'false'}
            aria-label="Vote mode: a click on a note places a dot"
            title="Vote mode: click a note to place a dot, Shift + click to take one back"
            @click=${on.toggleVoteMode}
          >
            ● Vote
          </button>`
    }
  </div>`
}

/** Emoji buttons for the one selected note, pressed where this person has reacted. */
export function reactionPicker(
  mine: ReadonlySet<Reaction>,
  counts: ReadonlyMap<Reaction, number>,
  toggle: (emoji: Reaction) => void,
): TemplateResult {
  return html`<div class="group" role="group" aria-label="React to the note">
    ${REACTIONS.map(
      (emoji) =>
        html`<button
          type="button"
          class="reaction toggle"
          data-testid="react-${emoji}"
          aria-pressed=${mine.has(emoji) ? 'true' : 'false'}
          aria-label="React ${emoji}"
          @click=${() => toggle(emoji)}
        >
          ${emoji}${counts.get(emoji) ? html`<small>${counts.get(emoji)}</small>` : nothing}
        </button>`,
    )}
  </div>`
}

export function followChip(
  following: Followed | null,
  left: Followed | null,
  on: { stop: () => void; rejoin: () => void },
): TemplateResult | typeof nothing {
  if (following !== null) {
    return html`<div class="group follow" role="status" data-testid="follow-chip">
      <span>Following ${following.name}</span>
      <button type="button" data-testid="follow-stop" @click=${on.stop}>Stop</button>
    </div>`
  }
  if (left !== null) {
    return html`<div class="group follow" role="status" data-testid="follow-chip">
      <span>Stopped following ${left.name}</span>
      <button type="button" data-testid="follow-rejoin" @click=${on.rejoin}>Rejoin</button>
    </div>`
  }
  return nothing
}

export function summonButton(summon: () => void): TemplateResult {
  return html`<button
    type="button"
    data-testid="summon"
    title="Move everyone's view to yours; they follow you until they pan away"
    @click=${summon}
  >
    Bring everyone to me
  </button>`
}
