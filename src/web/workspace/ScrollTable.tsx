import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways inside its own box on narrow screens, so the page never does.
 * A `label` makes the box a named, focusable region: needed when the table holds no link or button,
 * so keyboard users can still scroll it.
 */
export function ScrollTable({ minWidth, label, children }: { minWidth: number; label?: string; children: ReactNode }) {
  const region = label ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {};
  return (
    // position: relative keeps visually hidden (absolutely positioned) header text inside the scrolling box.
    <Table.ScrollContainer type="native" minWidth={minWidth} style={{ position: 'relative' }} {...region}>
      {children}
    </Table.ScrollContainer>
  );
}
