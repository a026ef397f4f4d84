import { Box } from '@mantine/core';
import { useId } from 'react';
import { barLengths, clip } from './bars.js';

export type Bar = { key: string; label: string; value: number; valueText: string };

const WIDTH = 360;
const ROW = 34;
/** Room after the longest bar for its figure (up to 22 characters). */
const VALUE_SPACE = 160;

/**
 * A horizontal bar chart: an image with a title and a description that reads every bar out; the page
 * shows the same figures in a table beside it. The label sits above each bar and the figure after it,
 * so nothing depends on colour.
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const titleId = useId();
  const descId = useId();
  if (bars.length === 0) return null;
  const lengths = barLengths(
    bars.map((b) => b.value),
    WIDTH - VALUE_SPACE,
  );
  const height = bars.length * ROW + 4;
  return (
    <Box component="svg" viewBox={`0 0 ${WIDTH} ${height}`} w="100%" maw={560} h="auto" role="img" aria-labelledby={`${titleId} ${descId}`} style={{ display: 'block' }}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>{bars.map((b) => `${b.label}: ${b.valueText}`).join('; ')}</desc>
      {bars.map((bar, index) => {
        const length = lengths[index]!;
        return (
          <g key={bar.key} transform={`translate(0 ${index * ROW})`}>
            <text x={0} y={11} fontSize={11} fill="currentColor">
              {clip(bar.label, 56)}
            </text>
            <rect x={0} y={15} width={Math.max(length, 1)} height={12} fill="var(--mantine-color-blue-7)" />
            <text x={Math.max(length, 1) + 4} y={25} fontSize={11} fill="currentColor">
              {clip(bar.valueText, 22)}
            </text>
          </g>
        );
      })}
    </Box>
  );
}
