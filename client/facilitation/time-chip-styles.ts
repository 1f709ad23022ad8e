/**
 * The time left as a pill, shared by the timer in the top bar and the agenda strip, so a paused
 * or finished time box reads the same in both places.
 */
import { css } from 'lit'

export const timeChipStyles = css`
  .time {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    padding: 4px 10px;
    border-radius: 999px;
    background: #eef2ff;
    color: #3730a3;
    white-space: nowrap;
  }
  .time.paused {
    background: #fef3c7;
    color: #92400e;
  }
  .time.done {
    background: #fee2e2;
    color: var(--sb-danger);
  }
`
