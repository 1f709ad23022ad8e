/**
 * Dashboard: every objective of the cycle in view with a colour-coded score bar (red / yellow /
 * green, the 0.7 success line marked), its key results below, filters by owner, status and
 * type, key results owing a check-in highlighted, and the alignment tree of parent and child
 * objectives. The cycle switcher above chooses the cycle, so no timeframe filter is needed.
 */
import { LitElement, css, html } from 'lit'
import { OBJECTIVE_STATUSES, OBJECTIVE_TYPES } from '../../core/okr/okr-model'
import { formatScore, formatValue } from '../../core/export/format'
import type { ExportedObjective, OkrExport } from '../../core/export/export-model'
import {
  NO_FILTER,
  alignmentTree,
  dueCount,
  filterObjectives,
  filtering,
  ownerOptions,
  stretchNotes,
  type AlignmentNode,
  type DashboardFilter,
  type OwnerOption,
} from './dashboard-model'
import { PACE_HINT, TREND_LABELS, counted, formatDay } from './labels'
import { BoardConsumer } from '../board/board-consumer'
import { okrStyles } from './okr-styles'
import './sb-okr-score-bar'

export class SbOkrDashboard extends LitElement {
  static override properties = {
    filter: { state: true },
  }

  declare filter: DashboardFilter

  /** The dashboard shows figures only: it repaints when they change. */
  readonly #board = new BoardConsumer(this, (b) => b.okrs)

  /** "stretched from …" per key result, refreshed on every render. */
  #stretched: ReadonlyMap<string, string> = new Map()

  constructor() {
    super()
    this.filter = NO_FILTER
  }

  static override styles = [
    okrStyles,
    css`
      .filters {
        display: flex;
        gap: 10px;
        flex-wrap: wrap;
        align-items: end;
        margin-bottom: 12px;
      }
      .filters label {
        display: grid;
        gap: 2px;
        font-size: 0.75rem;
        color: var(--sb-muted, #6b7280);
      }
      .summary {
        display: flex;
        gap: 16px;
        align-items: center;
        flex-wrap: wrap;
        margin-bottom: 12px;
      }
      .objective-head {
        display: grid;
        grid-template-columns: 1fr 240px;
        gap: 12px;
        align-items: center;
      }
      .kr {
        display: grid;
        grid-template-columns: 1fr 130px 200px 90px;
        gap: 10px;
        align-items: center;
        padding: 5px 0 5px 14px;
        border-top: 1px solid var(--sb-line, #e5e1d6);
      }
      .kr.due {
        background: #fffbeb;
      }
      .meta {
        font-size: 0.8rem;
      }
      .tree,
      .tree ul {
        list-style: none;
        padding-left: 18px;
        margin: 0;
      }
      .tree {
        padding-left: 0;
      }
      .tree li {
        margin: 4px 0;
      }
      .node {
        display: inline-flex;
        gap: 8px;
        align-items: center;
      }
      .node sb-okr-score-bar {
        width: 140px;
      }
    `,
  ]

  override render() {
    const data = this.#board.board?.okrs
    if (data === undefined) return null
    if (data.objectives.length === 0) {
      return html`<p class="empty" data-testid="dashboard-empty">
        No objectives yet. Convert the voted board (Convert tab) or add objectives in the editor.
      </p>`
    }
    const shown = filterObjectives(data.objectives, this.filter)
    this.#stretched = stretchNotes(this.#board.board?.snapshot.keyResults ?? [])
    const due = dueCount(shown)
    return html`<div class="summary">
        <h2>Dashboard</h2>
        <span data-testid="overall-score"
          >Overall <strong>${formatScore(data.board.score)}</strong></span
        >
        ${
          data.board.timeframe
            ? html`<span class="muted" data-testid="dashboard-cycle">${data.board.timeframe}</span>`
            : null
        }
        <span class="badge ${due ? 'due' : ''}" data-testid="due-count"
          >${counted(due, 'check-in')} due</span
        >
      </div>
      ${this.#filters(data)}
      <div data-testid="dashboard-list" data-count=${shown.length}>
        ${
          shown.length === 0
            ? html`<p class="empty">No objective matches these filters.</p>`
            : shown.map((o) => this.#objective(o, data.board.timeframe))
        }
      </div>
      <section class="card">
        <h3>Alignment</h3>
        <p class="hint">Objectives nested under the objective they contribute to.</p>
        <ul class="tree" data-testid="alignment-tree">
          ${alignmentTree(shown).map((n) => this.#node(n))}
        </ul>
      </section>`
  }

  #filters(data: OkrExport) {
    const select = (
      key: keyof DashboardFilter,
      label: string,
      options: readonly (string | OwnerOption)[],
      all: string,
    ) =>
      html`<label
        >${label}
        <select
          data-testid=${`filter-${key}`}
          @change=${(e: Event) =>
            (this.filter = { ...this.filter, [key]: (e.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${this.filter[key] === ''}>${all}</option>
          ${options.map((o) => {
            const { value, label } = typeof o === 'string' ? { value: o, label: o } : o
            return html`<option value=${value} ?selected=${this.filter[key] === value}>
              ${label}
            </option>`
          })}
        </select>
      </label>`
    return html`<div class="filters" role="search" aria-label="Filter objectives">
      ${select('owner', 'Owner', ownerOptions(data.objectives), 'Everyone')}
      ${select('status', 'Status', OBJECTIVE_STATUSES, 'Any status')}
      ${select('type', 'Type', OBJECTIVE_TYPES, 'Any type')}
      ${
        filtering(this.filter)
          ? html`<button data-testid="filter-clear" @click=${() => (this.filter = NO_FILTER)}>
              Clear filters
            </button>`
          : null
      }
    </div>`
  }

  #objective(o: ExportedObjective, cycle: string | null) {
    return html`<section
      class="card"
      data-testid=${`dash-objective-${o.id}`}
      data-band=${o.band}
      data-score=${formatScore(o.score)}
    >
      <div class="objective-head">
        <div>
          <h3>${o.title}</h3>
          <span class="meta muted"
            >${o.owner ?? 'No owner'} · ${o.status} · ${o.type} ·
            ${o.timeframe ?? cycle ?? 'no timeframe'}
            ${
              o.trend
                ? html`·
                    <span class="badge ${o.trend}" title=${PACE_HINT} data-pace=${o.trend}
                      >${TREND_LABELS[o.trend]}</span
                    >`
                : null
            }</span
          >
        </div>
        <sb-okr-score-bar .score=${o.score} .band=${o.band} .label=${o.title}></sb-okr-score-bar>
      </div>
      ${
        o.keyResults.length === 0
          ? html`<p class="muted">No key results: this objective scores 0.</p>`
          : o.keyResults.map(
              (kr) =>
                html`<div
                  class="kr ${kr.due.overdue ? 'due' : ''}"
                  data-testid=${`dash-kr-${kr.id}`}
                  data-band=${kr.band}
                  data-score=${formatScore(kr.score)}
                  data-due=${kr.due.overdue ? 'true' : 'false'}
                >
                  <span
                    >${kr.title}
                    <span class="meta muted">· ${kr.owner ?? 'no owner'}</span>
                    ${
                      kr.due.overdue
                        ? html`<span
                            class="badge due"
                            title="Due since ${formatDay(kr.due.lastDue)}"
                            >check-in due</span
                          >`
                        : null
                    }</span
                  >
                  <span class="meta"
                    >${formatValue(kr.current, kr.unit)} /
                    ${formatValue(kr.effectiveTarget, kr.unit)} ${this.#stretchNote(kr.id)}</span
                  >
                  <sb-okr-score-bar
                    .score=${kr.score}
                    .band=${kr.band}
                    .label=${kr.title}
                  ></sb-okr-score-bar>
                  <span
                    class="badge ${kr.trend ?? ''}"
                    title=${PACE_HINT}
                    data-testid=${`pace-${kr.id}`}
                    >${kr.trend ? TREND_LABELS[kr.trend] : '—'}</span
                  >
                </div>`,
            )
      }
    </section>`
  }

  #stretchNote(id: string) {
    const note = this.#stretched.get(id)
    return note === undefined
      ? null
      : html`<span class="muted" data-testid=${`dash-stretched-${id}`}>(${note})</span>`
  }

  #node(node: AlignmentNode): unknown {
    const o = node.objective
    return html`<li data-node=${o.id}>
      <span class="node">
        <sb-okr-score-bar .score=${o.score} .band=${o.band} .label=${o.title}></sb-okr-score-bar>
        ${o.title}
      </span>
      ${
        node.children.length
          ? html`<ul>
              ${node.children.map((c) => this.#node(c))}
            </ul>`
          : null
      }
    </li>`
  }
}

customElements.define('sb-okr-dashboard', SbOkrDashboard)

declare global {
  interface HTMLElementTagNameMap {
    'sb-okr-dashboard': SbOkrDashboard
  }
}
