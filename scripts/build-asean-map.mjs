#!/usr/bin/env node
/**
 * Builds the small base map of the city directory (src/web/portal/cities/asean-map.json) from
 * world-atlas's Natural Earth 1:50m countries. Run it again only when world-atlas changes:
 *
 *   node scripts/build-asean-map.mjs
 *
 * Why precomputed SVG paths rather than TopoJSON in the browser: the full file is ~750 KB and
 * projecting it costs a slow phone real time. Here the countries are projected once (Mercator
 * fitted to the ASEAN member states), clipped to the map frame, thinned to what a ~1000 px wide
 * picture can show and written as relative SVG path data (~60 KB). The browser only projects the
 * cities' coordinates, with the same Mercator scale and translate stored in the file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topology = JSON.parse(fs.readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'));
const output = path.resolve('src/web/portal/cities/asean-map.json');

/** ISO 3166-1 numeric (world-atlas ids) to alpha-2 (the API's country codes), for ASEAN's members. */
const aseanMembers = {
  '096': 'BN',
  '104': 'MM',
  '116': 'KH',
  '360': 'ID',
  '418': 'LA',
  '458': 'MY',
  '608': 'PH',
  '626': 'TL',
  '702': 'SG',
  '704': 'VN',
  '764': 'TH',
};

const WIDTH = 1000;
const PADDING = 12;
/** Points closer than this (in map units, ~1 px at full width) to the last kept point are dropped. */
const TOLERANCE = 0.9;
/** Islands smaller than this in both directions disappear at this scale, unless they are a country's largest. */
const MIN_RING_SIZE = 1.6;

const countries = feature(topology, topology.objects.countries).features;
const members = countries.filter((f) => f.id in aseanMembers);
if (members.length !== Object.keys(aseanMembers).length) throw new Error('world-atlas is missing an ASEAN member state');

const projection = geoMercator().fitWidth(WIDTH - 2 * PADDING, { type: 'FeatureCollection', features: members });
const [tx, ty] = projection.translate();
projection.translate([tx + PADDING, ty + PADDING]);
const bounds = geoPath(projection).bounds({ type: 'FeatureCollection', features: members });
const HEIGHT = Math.ceil(bounds[1][1] + PADDING);
// Clip a little outside the frame, so the cut edges of neighbours (China, Papua New Guinea) are not drawn as borders.
projection.clipExtent([
  [-4, -4],
  [WIDTH + 4, HEIGHT + 4],
]);

/** A d3-geo path context that collects projected rings, so they can be thinned and written compactly. */
function collectRings(geometry) {
  const rings = [];
  let ring = null;
  const context = {
    moveTo(x, y) {
      ring = [[x, y]];
      rings.push(ring);
    },
    lineTo(x, y) {
      ring.push([x, y]);
    },
    closePath() {},
    arc() {},
    beginPath() {},
  };
  geoPath(projection, context)(geometry);
  return rings;
}

function ringBox(ring) {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const round = (n) => Math.round(n * 10) / 10;
const num = (n) => {
  const text = String(round(n));
  return text.replace(/^(-?)0\./, '$1.');
};

/** Relative path data ("m x y l dx dy …z"), rounded to 0.1 unit on the absolute grid so errors do not add up. */
function pathData(rings) {
  let d = '';
  let last = [0, 0];
  for (const ring of rings) {
    const kept = [ring[0]];
    for (const point of ring.slice(1)) {
      const previous = kept[kept.length - 1];
      if (Math.hypot(point[0] - previous[0], point[1] - previous[1]) >= TOLERANCE) kept.push(point);
    }
    if (kept.length < 3) continue;
    const start = kept[0].map(round);
    d += `m${num(start[0] - last[0])} ${num(start[1] - last[1])}`;
    let previous = start;
    let segment = '';
    for (const point of kept.slice(1)) {
      const p = point.map(round);
      const dx = round(p[0] - previous[0]);
      const dy = round(p[1] - previous[1]);
      if (dx === 0 && dy === 0) continue;
      const part = `${num(dx)}${dy < 0 ? '' : ' '}${num(dy)}`;
      segment += segment && !part.startsWith('-') ? ` ${part}` : part;
      previous = p;
    }
    d += `l${segment}z`;
    last = start;
  }
  return d;
}

const shapes = [];
for (const country of countries) {
  const code = aseanMembers[country.id] ?? null;
  const rings = collectRings(country);
  if (!rings.length) continue;
  const boxes = rings.map(ringBox);
  const sizes = boxes.map((b) => Math.max(b[2] - b[0], b[3] - b[1]));
  const largest = sizes.indexOf(Math.max(...sizes));
  const visible = rings.filter((_, i) => i === largest || sizes[i] >= MIN_RING_SIZE);
  const d = pathData(visible);
  if (!d) continue;
  const shape = { code, d };
  if (code) {
    const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(country);
    shape.box = [x0, y0, x1, y1].map(round);
  }
  shapes.push(shape);
}
// Members last, so their borders draw over their neighbours'.
shapes.sort((a, b) => Number(Boolean(a.code)) - Number(Boolean(b.code)));

const map = {
  source: 'Natural Earth 1:50m via world-atlas 2.0.2 (public domain); built by scripts/build-asean-map.mjs',
  width: WIDTH,
  height: HEIGHT,
  /** geoMercator().scale(scale).translate(translate) places a [lon, lat] on this map. */
  scale: projection.scale(),
  translate: projection.translate(),
  countries: shapes,
};
fs.writeFileSync(output, JSON.stringify(map) + '\n');
console.log(`${path.relative(process.cwd(), output)}: ${shapes.length} countries, ${WIDTH}×${HEIGHT}, ${(fs.statSync(output).size / 1024).toFixed(1)} KB`);
