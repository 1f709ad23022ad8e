/**
 * Quality: the OKR checklist from core/okr's lint beside the objective or key result each
 * finding concerns, with one-click fixes where one exists — make a task-shaped key result an
 * initiative, stretch a target by 30 % once ("amp up your ambition"), optionally with the
 * title's number rewritten, assign an owner.
 */
import { LitElement, css, html } from 'lit'
import type { KeyResultRecord } from '../../core/board/board-model'
import { updateKeyResult, updateObjective } from '../../core/board/commands/okr'
import { makeKeyResultAnInitiative } from '../../core/board/commands/gestures'
import { stretchKeyResult } from '../../core/board/commands/stretch'
import type { Diagnostic } from '../../core/okr/okr-model'
import { BoardConsumer } from '../board/board-consumer'
import { newId } from '../board/ids'
import { okrStyles } from './okr-styles'
import { ownerFromText } from './owner-picker'
import {
  fixFor,
  qualityModel,
  retitleAfterStretch,
  stretchOffer,
  stretchedFrom,
  type QualitySection,
} from './quality-model'

export class SbOkrQuality extends LitElement {
  readonly #board = new BoardConsumer(this)

  static override styles = [
    okrStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 6px 0 0;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: baseline;
        flex-wrap: wrap;
        margin: 4px 0 4px 12px;
      }
      .kr {
        margin: 8px 0 0 12px;
      }
      .kr-title {
        font-weight: 600;
      }
      .owner {
        width: 120px;
      }
    `,
  ]

  override render() {
    const board = this.#board.board
    if (board === undefined) return null
    const model = qualityModel(board.cycleSnapshot, board.diagnostics)
    return html`<h2>Quality checklist</h2>
      <p class="hint" data-testid="quality-summary">${model.summary}</p>
      ${
        model.general.length
          ? html`<section class="card">
              <ul>
                ${model.general.map((d) => this.#finding(d))}
              </ul>
            </section>`
          : null
      }
      ${
        model.sections.length === 0
          ? html`<p class="empty">Nothing to check yet: there are no objectives.</p>`
          : model.sections.map((section) => this.#section(section, board.canEdit))
      }`
  }

  #section(section: QualitySection, canEdit: boolean) {
    const o = section.objective
    const own = (owner: string) => this.#board.board?.run(updateObjective, { id: o.id, owner })
    return html`<section class="card" data-testid=${`quality-${o.id}`}>
      <h3>${o.title || 'Untitled objective'}</h3>
      <ul>
        ${section.findings.map((d) =>
          this.#finding(
            d,
            canEdit && fixFor(d.code) === 'assign-owner' ? this.#ownerFix(own) : null,
          ),
        )}
      </ul>
      ${section.keyResults.map(
        ({ record: kr, findings }) =>
          html`<div class="kr" data-testid=${`quality-kr-${kr.id}`}>
            <span class="kr-title">${kr.title || 'Untitled key result'}</span>
            ${canEdit ? this.#stretchFix(kr) : null}
            <ul>
              ${findings.map((d) => this.#finding(d, canEdit ? this.#fixFor(d, kr) : null))}
            </ul>
          </div>`,
      )}
    </section>`
  }

  #finding(d: Diagnostic, fix: unknown = null) {
    return html`<li data-code=${d.code}>
      <span class="sev-${d.severity}">${d.severity === 'info' ? 'ℹ' : '⚑'} ${d.message}</span>
      ${fix}
    </li>`
  }

  #fixFor(d: Diagnostic, kr: KeyResultRecord) {
    switch (fixFor(d.code)) {
      case 'make-initiative':
        return html`<button
          data-testid=${`fix-initiative-${kr.id}`}
          @click=${() => this.#toInitiative(kr)}
        >
          Make it an initiative
        </button>`
      case 'assign-owner':
        return this.#ownerFix((owner) =>
          this.#board.board?.run(updateKeyResult, { id: kr.id, owner }),
        )
      case null:
        return null
    }
  }

  /**
   * The stretch applies once: a stretched key result says what its target was instead of
   * offering another. When the title states the target, a second button proposes the title
   * with the new number, written by the same command in the same step.
   */
  #stretchFix(kr: KeyResultRecord) {
    const from = stretchedFrom(kr)
    if (from !== null) {
      const title = retitleAfterStretch(kr)
      return html`<span class="muted" data-testid=${`stretched-from-${kr.id}`}>${from}</span> ${
          title === null
            ? null
            : html`<button
                data-testid=${`fix-retitle-${kr.id}`}
                @click=${() => this.#board.board?.run(updateKeyResult, { id: kr.id, title })}
              >
                Retitle: “${title}”
              </button>`
        }`
    }
    const offer = stretchOffer(kr)
    if (offer === null) return null
    const stretch = (title?: string) =>
      this.#board.board?.run(
        stretchKeyResult,
        title === undefined ? { id: kr.id } : { id: kr.id, title },
      )
    return html`<button
        title=${offer.note ?? 'Amp up your ambition: 30 % further from the start, once'}
        data-testid=${`fix-stretch-${kr.id}`}
        @click=${() => stretch()}
      >
        ${offer.label}
      </button>
      ${
        offer.title === null
          ? null
          : html`<button
              data-testid=${`fix-stretch-title-${kr.id}`}
              title="Stretch the target and write the new number into the title"
              @click=${() => stretch(offer.title ?? undefined)}
            >
              …and retitle: “${offer.title}”
            </button>`
      }`
  }

  /**
   * Owners are member ids where they can be (core/board/members.ts), so "Assign to me" and a
   * typed member's name stay that person through a rename; anyone else stays typed text.
   */
  #ownerFix(assign: (owner: string) => void) {
    // Read when used: the panel may not repaint when someone joins.
    const members = () => this.#board.board?.snapshot.members ?? []
    const me = this.#board.board?.identity
    const mine = () => (me && members().some((m) => m.id === me.id) ? me.id : (me?.name ?? ''))
    return html`<span class="row">
      <button @click=${() => assign(mine())} ?disabled=${!me?.name}>Assign to me</button>
      <input
        class="owner"
        placeholder="or type a name"
        aria-label="Owner"
        @keydown=${(e: KeyboardEvent) => {
          const owner = ownerFromText((e.target as HTMLInputElement).value, members())
          if (e.key === 'Enter' && owner !== null) assign(owner)
        }}
      />
    </span>`
  }

  /** The task becomes an initiative of the objective, and the key result goes, in one step. */
  #toInitiative(kr: KeyResultRecord): void {
    this.#board.board?.run(makeKeyResultAnInitiative, {
      keyResultId: kr.id,
      initiativeId: newId(),
    })
  }
}

customElements.define('sb-okr-quality', SbOkrQuality)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-quality': SbOkrQuality
  }
}
