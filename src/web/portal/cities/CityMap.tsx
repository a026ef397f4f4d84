import { useElementSize } from '@mantine/hooks';
import { geoMercator } from 'd3-geo';
import { useId, useMemo, useState, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { t } from '../../i18n/i18n.js';
import { membershipColor, membershipLabel } from '../presentation.js';
import type { CitySummary } from '../queries.js';
import baseMap from './asean-map.json';
import classes from './CityMap.module.css';

/**
 * The ASEAN map, as SVG, with no tile server: the base map is precomputed by
 * scripts/build-asean-map.mjs and each city is placed from its coordinates with the same Mercator
 * projection. Loaded lazily, so the map data stays out of the main bundle.
 *
 * Two uses: the directory (every mark is a link to its city) and a city page's locator (a picture
 * of where the city is, zoomed to its country).
 */
const projection = geoMercator()
  .scale(baseMap.scale)
  .translate(baseMap.translate as [number, number]);

type View = { x: number; y: number; w: number; h: number };
const fullView: View = { x: 0, y: 0, w: baseMap.width, h: baseMap.height };

/** The part of the map to show for a country: its outline with a margin, at the map's own aspect ratio. */
function viewOf(countryCode: string | null): View {
  const box = countryCode ? baseMap.countries.find((shape) => shape.code === countryCode)?.box : undefined;
  if (!box) return fullView;
  const aspect = baseMap.width / baseMap.height;
  let [x0, y0, x1, y1] = box as [number, number, number, number];
  const margin = 0.12 * Math.max(x1 - x0, y1 - y0) + 24;
  x0 -= margin;
  y0 -= margin;
  x1 += margin;
  y1 += margin;
  let w = Math.max(x1 - x0, 220);
  let h = y1 - y0;
  if (w / h > aspect) h = w / aspect;
  else w = h * aspect;
  if (w >= baseMap.width) return fullView;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  return { x: clamp(cx - w / 2, baseMap.width - w), y: clamp(cy - h / 2, baseMap.height - h), w, h };
}

/** Marks are sized in screen pixels, whatever the zoom and the width of the screen. */
const DOT_PX = 6;
const HIT_PX = 12;
const LABEL_PX = 13;

type Point = { city: CitySummary; x: number; y: number };
type Box = [number, number, number, number];
type Label = { id: string; name: string; x: number; y: number; anchor: 'start' | 'end' | 'middle' };

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * Places city names beside their marks (right, left, above, below), skipping a name that would
 * cover another name or mark: on a phone, close cities (Bangkok, Chonburi, Rayong) would otherwise
 * print over each other. A skipped name is still the mark's accessible name and is in the list.
 */
function placeLabels(points: Point[], wanted: Set<string>, first: string | null, unit: number, view: View): Label[] {
  const size = LABEL_PX * unit;
  const gap = (DOT_PX + 3) * unit;
  const dotBoxes = new Map(points.map((p) => [p.city.id, [p.x - DOT_PX * unit, p.y - DOT_PX * unit, p.x + DOT_PX * unit, p.y + DOT_PX * unit] as Box]));
  const placed: Box[] = [];
  const labels: Label[] = [];
  const order = points.filter((p) => wanted.has(p.city.id)).sort((a, b) => Number(b.city.id === first) - Number(a.city.id === first));
  for (const { city, x, y } of order) {
    const w = city.name.length * size * 0.6;
    const candidates: (Label & { box: Box })[] = [
      { x: x + gap, y: y + size * 0.35, anchor: 'start', box: [x + gap, y - size / 2, x + gap + w, y + size / 2] },
      { x: x - gap, y: y + size * 0.35, anchor: 'end', box: [x - gap - w, y - size / 2, x - gap, y + size / 2] },
      { x, y: y - gap, anchor: 'middle', box: [x - w / 2, y - gap - size, x + w / 2, y - gap] },
      { x, y: y + gap + size * 0.75, anchor: 'middle', box: [x - w / 2, y + gap, x + w / 2, y + gap + size] },
    ].map((c) => ({ ...c, id: city.id, name: city.name }) as Label & { box: Box });
    const inside = candidates.filter((c) => c.box[0] >= view.x && c.box[2] <= view.x + view.w && c.box[1] >= view.y && c.box[3] <= view.y + view.h);
    const free = inside.find(
      (c) => !placed.some((box) => overlaps(box, c.box)) && ![...dotBoxes].some(([id, box]) => id !== city.id && overlaps(box, c.box)),
    );
    const choice = free ?? (city.id === first ? (inside[0] ?? candidates[0]) : undefined);
    if (!choice) continue;
    placed.push(choice.box);
    labels.push({ id: choice.id, name: choice.name, x: choice.x, y: choice.y, anchor: choice.anchor });
  }
  return labels;
}

export type CityMapProps = {
  cities: CitySummary[];
  /** Zoom to this country (ISO 3166 alpha-2), or show the whole region. */
  countryCode: string | null;
  /** A picture of where one city is, rather than the directory's map of links. */
  locator?: boolean;
};

export default function CityMap({ cities, countryCode, locator = false }: CityMapProps) {
  const navigate = useNavigate();
  const titleId = useId();
  const descId = useId();
  const { ref, width } = useElementSize<HTMLDivElement>();
  const [active, setActive] = useState<string | null>(null);
  const view = useMemo(() => viewOf(countryCode), [countryCode]);
  const unit = view.w / (width || 700); // map units per screen pixel

  const points = useMemo(
    () =>
      cities.flatMap((city): Point[] => {
        if (city.lat === null || city.lon === null) return [];
        const [x, y] = projection([city.lon, city.lat]) ?? [NaN, NaN];
        return Number.isFinite(x) && Number.isFinite(y) ? [{ city, x, y }] : [];
      }),
    [cities],
  );
  // Name every city when zoomed in to a country (and in the locator); otherwise the one under the pointer or focus.
  const zoomed = view !== fullView;
  const wanted = new Set(points.filter((p) => locator || zoomed || p.city.id === active).map((p) => p.city.id));
  const labels = width ? placeLabels(points, wanted, active, unit, view) : [];
  const activePoint = points.find((p) => p.city.id === active);

  function open(event: MouseEvent, cityId: string) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(`/cities/${cityId}`);
  }

  const city = locator ? cities[0] : undefined;
  return (
    <div ref={ref} className={classes.frame}>
      <svg
        className={classes.map}
        viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
        role={locator ? 'img' : 'group'}
        aria-labelledby={titleId}
        aria-describedby={locator ? undefined : descId}
        data-testid={locator ? 'city-locator' : 'city-map'}
      >
        <title id={titleId}>
          {city ? t('portal.map.locator', { city: city.name, country: city.countryName }) : t('portal.map.title')}
        </title>
        {!locator && <desc id={descId}>{t('portal.map.description', { count: points.length })}</desc>}
        <g aria-hidden="true">
          {baseMap.countries.map((shape, index) => (
            <path
              key={index}
              d={shape.d}
              className={shape.code ? (shape.code === countryCode ? classes.selected : classes.member) : classes.neighbour}
            />
          ))}
        </g>
        {locator ? (
          <g aria-hidden="true">
            {points.map(({ city: c, x, y }) => (
              <circle key={c.id} className={classes.dot} cx={x} cy={y} r={DOT_PX * unit} fill={membershipColor[c.membership]} />
            ))}
          </g>
        ) : (
          <g>
            {points.map(({ city: c, x, y }) => (
              <a
                key={c.id}
                href={`/cities/${c.id}`}
                className={classes.city}
                aria-label={t('portal.map.cityLink', { city: c.name, country: c.countryName, membership: membershipLabel(c.membership) })}
                data-testid="city-dot"
                onClick={(event) => open(event, c.id)}
                onFocus={() => setActive(c.id)}
                onBlur={() => setActive((current) => (current === c.id ? null : current))}
                onMouseEnter={() => setActive(c.id)}
                onMouseLeave={() => setActive((current) => (current === c.id ? null : current))}
              >
                <circle className={classes.hit} cx={x} cy={y} r={HIT_PX * unit} />
                <circle className={classes.dot} cx={x} cy={y} r={DOT_PX * unit} fill={membershipColor[c.membership]} />
              </a>
            ))}
          </g>
        )}
        <g aria-hidden="true">
          {activePoint && <circle className={classes.ring} cx={activePoint.x} cy={activePoint.y} r={(DOT_PX + 4) * unit} />}
          {labels.map((label) => (
            <text
              key={label.id}
              className={label.id === active ? `${classes.label} ${classes.activeLabel}` : classes.label}
              x={label.x}
              y={label.y}
              fontSize={LABEL_PX * unit}
              textAnchor={label.anchor}
            >
              {label.name}
            </text>
          ))}
        </g>
      </svg>
    </div>
  );
}
