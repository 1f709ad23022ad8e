/** The top bar's two menus: the capability links to share, and the ways to export the board. */
import { html, type TemplateResult } from 'lit'

export type BoardMenu = 'share' | 'export'

export interface ShareLinks {
  readonly edit: string
  readonly view: string
  /** Null for a board created before roles, or when the open link is not the facilitator's. */
  readonly facilitate: string | null
}

interface MenuState {
  readonly open: BoardMenu | null
  readonly toggle: (menu: BoardMenu) => void
}

/**
 * A top-bar button that opens its popover below it; one menu is open at a time. Esc or a click
 * anywhere outside closes it, as every popover people know does: the click lands on a
 * transparent backdrop under the popover, so it does not also press what lies beneath.
 */
function menu(state: MenuState, name: BoardMenu, label: string, popover: () => TemplateResult) {
  const open = state.open === name
  const close = () => {
    if (state.open === name) state.toggle(name)
  }
  return html`<div
    class="menu"
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape' && open) {
        e.stopPropagation()
        close()
      }
    }}
  >
    ${open ? html`<div class="backdrop" data-testid="menu-backdrop" @click=${close}></div>` : null}
    <button
      aria-expanded=${open ? 'true' : 'false'}
      data-testid=${`${name}-button`}
      @click=${() => state.toggle(name)}
    >
      ${label}
    </button>
    ${open ? popover() : null}
  </div>`
}

/** Present only while facilitating: replaces one link (the old one stops opening the board). */
export type RotateLink = (kind: keyof ShareLinks) => void

export function shareMenu(state: MenuState, links: ShareLinks, rotate: RotateLink | null) {
  return menu(
    state,
    'share',
    'Share',
    () =>
      html`<div class="popover" role="dialog" aria-label="Share links">
        ${
          links.facilitate === null
            ? null
            : linkRow(
                'facilitate',
                'Facilitator link: runs the session (phases, reveals, timer, settings, links); share only with co-facilitators',
                links.facilitate,
                rotate,
              )
        }
        ${linkRow('edit', 'Edit link: anyone with it can change the board', links.edit, rotate)}
        ${linkRow('view', 'View link: read-only, sees presence', links.view, rotate)}
      </div>`,
  )
}

export interface ExportActions {
  readonly png: () => void
  readonly file: () => void
}

export function exportMenu(state: MenuState, actions: ExportActions) {
  return menu(
    state,
    'export',
    'Export',
    () =>
      html`<div class="popover" role="menu">
        <button role="menuitem" data-testid="export-png" @click=${actions.png}>
          Board as PNG image
        </button>
        <button role="menuitem" data-testid="export-file" @click=${actions.file}>
          Board file (import it into a new board from the home page)
        </button>
      </div>`,
  )
}

/** A link field selects itself, so copying it is one keystroke; its Copy button is one click. */
function linkRow(kind: keyof ShareLinks, label: string, link: string, rotate: RotateLink | null) {
  return html`<label for=${`${kind}-link`}>${label}</label>
    <div class="link-row">
      <input id=${`${kind}-link`} readonly .value=${link} data-share=${kind} @focus=${select} />
      <button data-testid=${`copy-${kind}-link`} @click=${(e: Event) => copy(e, link)}>Copy</button>
      ${
        rotate === null
          ? null
          : html`<button
              data-testid=${`rotate-${kind}-link`}
              title="Make a new link: the old one stops opening the board, for everyone who has it"
              @click=${() => rotate(kind)}
            >
              New link
            </button>`
      }
    </div>`
}

function select(event: FocusEvent): void {
  ;(event.target as HTMLInputElement).select()
}

/**
 * The clipboard API needs a secure context and permission; where it is refused the field is
 * selected instead, so Ctrl+C still copies, and the button says which happened.
 */
async function copy(event: Event, link: string): Promise<void> {
  const button = event.currentTarget as HTMLButtonElement
  const input = button.previousElementSibling as HTMLInputElement | null
  try {
    await navigator.clipboard.writeText(link)
    button.textContent = 'Copied'
  } catch (_error) {
    input?.focus()
    input?.select()
    button.textContent = 'Press Ctrl+C'
  }
  setTimeout(() => (button.textContent = 'Copy'), 2000)
}
