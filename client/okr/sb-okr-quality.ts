/**
 * Quality: the OKR checklist from core/okr's lint beside the objective or key result each
 * finding concerns, with one-click fixes where one exists — make a task-shaped key result an
 * initiative, stretch a target by 30 % ("amp up your ambition"), assign an owner.
 */
import { LitElement, css, html } from 'lit'
import { ContextConsumer } from '@lit/context'
import { boardSessionContext } from '../board/board-context'
import type { BoardSnapshot, KeyResultRecord } from '../../core/board/board-model'
import { updateKeyResult, updateObjective } from '../../core/board/commands/okr'
import { makeKeyResultAnInitiative } from '../../core/board/commands/gestures'
import type { Diagnostic } from '../../core/okr/okr-model'
import { stretchTarget } from '../../core/okr/stretch'
import { formatNumber } from '../../core/export/format'
import { runCommand } from '../board/run-command'
import { byTarget, lintBoard } from '../board/lint-board'
import { okrStyles } from './okr-styles'
import { newId } from '../board/ids'

export class SbOkrQuality extends LitElement {
  static override properties = {
    snapshot: { attribute: false },
  }

  declare snapshot: BoardSnapshot | null

  readonly #session = new ContextConsumer(this, { context: boardSessionContext, subscribe: true })

  constructor() {
    super()
    this.snapshot = null
  }

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
    const snapshot = this.snapshot
    if (snapshot === null) return null
    const canEdit = this.#session.value?.role === 'edit'
    const diagnostics = lintBoard(snapshot)
    const found = byTarget(diagnostics)
    const general = found.get(null) ?? []
    const count = diagnostics.filter((d) => d.severity !== 'info').length
    return html`<h2>Quality checklist</h2>
      <p class="hint" data-testid="quality-summary">
        ${
          count === 0
            ? 'No problems found. Still: is every key result an outcome, and ambitious enough?'
            : `${count} ${count === 1 ? 'thing' : 'things'} to look at.`
        }
      </p>
      ${
        general.length
          ? html`<section class="card">
              <ul>
                ${general.map((d) => this.#finding(d))}
              </ul>
            </section>`
          : null
      }
      ${
        snapshot.objectives.length === 0
          ? html`<p class="empty">Nothing to check yet: there are no objectives.</p>`
          : snapshot.objectives.map((o) => {
              const krs = snapshot.keyResults.filter((kr) => kr.objectiveId === o.id)
              return html`<section class="card" data-testid=${`quality-${o.id}`}>
                <h3>${o.title || 'Untitled objective'}</h3>
                <ul>
                  ${(found.get(o.id) ?? []).map((d) =>
                    this.#finding(
                      d,
                      d.code === 'objective-no-owner' && canEdit
                        ? this.#ownerFix((owner) => this.#ownObjective(o.id, owner))
                        : null,
                    ),
                  )}
                </ul>
                ${krs.map(
                  (kr) =>
                    html`<div class="kr" data-testid=${`quality-kr-${kr.id}`}>
                      <span class="kr-title">${kr.title || 'Untitled key result'}</span>
                      ${canEdit ? this.#stretchFix(kr) : null}
                      <ul>
                        ${(found.get(kr.id) ?? []).map((d) =>
                          this.#finding(d, canEdit ? this.#fixFor(d, kr) : null),
                        )}
                      </ul>
                    </div>`,
                )}
              </section>`
            })
      }`
  }

  #finding(d: Diagnostic, fix: unknown = null) {
    return html`<li data-code=${d.code}>
      <span class="sev-${d.severity}">${d.severity === 'info' ? 'ℹ' : '⚑'} ${d.message}</span>
      ${fix}
    </li>`
  }

  #fixFor(d: Diagnostic, kr: KeyResultRecord) {
    if (d.code === 'kr-task-phrasing') {
      return html`<button
        data-testid=${`fix-initiative-${kr.id}`}
        @click=${() => this.#toInitiative(kr)}
      >
        Make it an initiative
      </button>`
    }
    if (d.code === 'kr-no-owner') {
      return this.#ownerFix((owner) => this.#ownKeyResult(kr.id, owner))
    }
    return null
  }

  #stretchFix(kr: KeyResultRecord) {
    const result = stretchTarget(kr)
    if (!result.changed || kr.measurable === false) return null
    return html`<button
      title="Amp up your ambition: raise the target by 30 % of the way from start to target"
      data-testid=${`fix-stretch-${kr.id}`}
      @click=${() => this.#stretch(kr)}
    >
      Stretch target by 30 % (${formatNumber(kr.target)} → ${formatNumber(result.target)})
    </button>`
  }

  #ownerFix(assign: (owner: string) => void) {
    const me = this.#session.value?.identity.name ?? ''
    return html`<span class="row">
      <button @click=${() => assign(me)} ?disabled=${!me}>Assign to me</button>
      <input
        class="owner"
        placeholder="or type a name"
        aria-label="Owner"
        @keydown=${(e: KeyboardEvent) => {
          const value = (e.target as HTMLInputElement).value.trim()
          if (e.key === 'Enter' && value) assign(value)
        }}
      />
    </span>`
  }

  #ownObjective(id: string, owner: string): void {
    const session = this.#session.value
    if (session) runCommand(this, () => updateObjective(session.doc, { id, owner }, session.origin))
  }

  #ownKeyResult(id: string, owner: string): void {
    const session = this.#session.value
    if (session) runCommand(this, () => updateKeyResult(session.doc, { id, owner }, session.origin))
  }

  #stretch(kr: KeyResultRecord): void {
    const session = this.#session.value
    const { target, changed } = stretchTarget(kr)
    if (!session || !changed) return
    runCommand(this, () => updateKeyResult(session.doc, { id: kr.id, target }, session.origin))
  }

  /** The task becomes an initiative of the objective, and the key result goes, in one step. */
  #toInitiative(kr: KeyResultRecord): void {
    const session = this.#session.value
    if (!session) return
    runCommand(this, () =>
      makeKeyResultAnInitiative(
        session.doc,
        { keyResultId: kr.id, initiativeId: newId() },
        session.origin,
      ),
    )
  }
}

customElements.define('sb-okr-quality', SbOkrQuality)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-quality': SbOkrQuality
  }
}
