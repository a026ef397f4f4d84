import { Box, Group, Text } from '@mantine/core';
import { useId } from 'react';
import { t } from '../i18n/i18n.js';

export type RadarAxis = { id: string; current: number | null; target: number | null };

/** Wider than tall: the labels left and right need room. */
const WIDTH = 400;
const HEIGHT = 300;
const CX = WIDTH / 2;
const CY = HEIGHT / 2;
const RADIUS = 110;
const MAX_LEVEL = 4;

/** The point at `level` on axis `i` of `n` (the first axis points up, the others clockwise). */
function point(i: number, n: number, level: number) {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  const r = (level / MAX_LEVEL) * RADIUS;
  return { x: CX + r * Math.cos(angle), y: CY + r * Math.sin(angle) };
}

const polygon = (values: number[]) =>
  values
    .map((value, i) => {
      const p = point(i, values.length, value);
      return `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
    })
    .join(' ');

/**
 * A radar chart of current (solid line, filled, round marks) against target (dashed line, square
 * marks) on the 0–4 scale, one axis per category. It is an image with a title and a description; the
 * figures themselves are in the table the page shows beside it. Lines differ by pattern and marks,
 * not only by colour.
 */
export function RadarChart({ title, axes }: { title: string; axes: RadarAxis[] }) {
  const titleId = useId();
  const descId = useId();
  const n = axes.length;
  const onScale = (value: number | null) => Math.max(0, Math.min(MAX_LEVEL, value ?? 0));
  const current = axes.map((axis) => onScale(axis.current));
  const target = axes.map((axis) => onScale(axis.target));
  const description = t('assessments.radar.describe', { count: n });
  return (
    <Box>
      <Box
        component="svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        w="100%"
        maw={420}
        h="auto"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        style={{ display: 'block', margin: '0 auto' }}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {[1, 2, 3, 4].map((level) => (
          <polygon key={level} points={polygon(axes.map(() => level))} fill="none" stroke="var(--mantine-color-gray-4)" strokeWidth={level === MAX_LEVEL ? 1.5 : 1} />
        ))}
        {axes.map((axis, i) => {
          const end = point(i, n, MAX_LEVEL);
          const label = point(i, n, MAX_LEVEL + 0.45);
          const anchor = Math.abs(label.x - CX) < 8 ? 'middle' : label.x > CX ? 'start' : 'end';
          return (
            <g key={axis.id}>
              <line x1={CX} y1={CY} x2={end.x} y2={end.y} stroke="var(--mantine-color-gray-4)" strokeWidth={1} />
              <text x={label.x} y={label.y} fontSize={n > 8 ? 9 : 11} textAnchor={anchor} dominantBaseline="middle" fill="var(--mantine-color-gray-8)">
                {axis.id}
              </text>
            </g>
          );
        })}
        {[1, 2, 3, 4].map((level) => {
          const p = point(0, n, level);
          return (
            <text key={level} x={p.x + 3} y={p.y - 2} fontSize={9} fill="var(--mantine-color-gray-7)">
              {level}
            </text>
          );
        })}
        <polygon points={polygon(current)} fill="var(--mantine-color-blue-6)" fillOpacity={0.2} stroke="var(--mantine-color-blue-8)" strokeWidth={2} />
        <polygon points={polygon(target)} fill="none" stroke="var(--mantine-color-orange-9)" strokeWidth={2} strokeDasharray="6 4" />
        {current.map((value, i) => {
          const p = point(i, n, value);
          return <circle key={`c${i}`} cx={p.x} cy={p.y} r={3.5} fill="var(--mantine-color-blue-8)" />;
        })}
        {target.map((value, i) => {
          const p = point(i, n, value);
          return <rect key={`t${i}`} x={p.x - 3} y={p.y - 3} width={6} height={6} fill="var(--mantine-color-orange-9)" />;
        })}
      </Box>
      <Group gap="md" justify="center" aria-hidden mt={4}>
        <Group gap={6} wrap="nowrap">
          <svg width="28" height="10" viewBox="0 0 28 10">
            <line x1="0" y1="5" x2="28" y2="5" stroke="var(--mantine-color-blue-8)" strokeWidth="2" />
            <circle cx="14" cy="5" r="3.5" fill="var(--mantine-color-blue-8)" />
          </svg>
          <Text size="xs">{t('assessments.radar.current')}</Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <svg width="28" height="10" viewBox="0 0 28 10">
            <line x1="0" y1="5" x2="28" y2="5" stroke="var(--mantine-color-orange-9)" strokeWidth="2" strokeDasharray="6 4" />
            <rect x="11" y="2" width="6" height="6" fill="var(--mantine-color-orange-9)" />
          </svg>
          <Text size="xs">{t('assessments.radar.target')}</Text>
        </Group>
      </Group>
    </Box>
  );
}
