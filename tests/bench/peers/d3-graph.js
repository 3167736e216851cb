// The D3 peer of BENCHMARKS.md (issue 17): a hand-written force graph of the shipped dataset, as a
// newsroom developer would write it from the usual d3-force examples ("Force-directed graph"):
// nodes = actors, links = claims between them, a live simulation with drag, rendered as SVG.
// Bundled by esbuild at bench time (tests/bench/peers/build.mjs) with the measured build's
// claims.json inlined (the `wbw-peer-data` import). Nothing here is tuned to be fast or slow.
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceX, forceY } from 'd3-force';
import { select } from 'd3-selection';
import { drag } from 'd3-drag';
import data from 'wbw-peer-data';

const stanceColor = { backs: '#2b7a3d', opposes: '#b3261e', neutral: '#8a8a8a' };
const kindColor = {
  government: '#1f77b4', person: '#ff7f0e', state: '#2ca02c', group: '#d62728', organisation: '#9467bd', media: '#8c564b',
};

const width = Math.min(document.getElementById('chart').clientWidth || window.innerWidth, 928);
const height = Math.max(420, Math.round(width * 0.9));

const nodes = data.actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
const ids = new Set(nodes.map((n) => n.id));
const links = data.claims
  .filter((c) => ids.has(c.subject) && ids.has(c.object))
  .map((c) => ({ source: c.subject, target: c.object, stance: c.stance, summary: c.summary }));

document.querySelector('h1').textContent = data.dataset.title;

const simulation = forceSimulation(nodes)
  .force('link', forceLink(links).id((d) => d.id).distance(70))
  .force('charge', forceManyBody().strength(-220))
  .force('center', forceCenter(width / 2, height / 2))
  .force('x', forceX(width / 2).strength(0.05))
  .force('y', forceY(height / 2).strength(0.05));

const svg = select('#chart').append('svg')
  .attr('width', width)
  .attr('height', height)
  .attr('viewBox', [0, 0, width, height])
  .attr('style', 'max-width: 100%; height: auto; font: 11px sans-serif;');

const link = svg.append('g')
  .attr('stroke-opacity', 0.6)
  .selectAll('line')
  .data(links)
  .join('line')
  .attr('stroke', (d) => stanceColor[d.stance] || '#999')
  .attr('stroke-width', 1.5);
link.append('title').text((d) => d.summary);

const node = svg.append('g')
  .selectAll('g')
  .data(nodes)
  .join('g')
  .call(drag()
    .on('start', dragstarted)
    .on('drag', dragged)
    .on('end', dragended));
node.append('circle')
  .attr('r', 7)
  .attr('fill', (d) => kindColor[d.kind] || '#777')
  .attr('stroke', '#fff')
  .attr('stroke-width', 1.5);
node.append('text')
  .attr('x', 10)
  .attr('y', 4)
  .text((d) => d.name);
node.append('title').text((d) => `${d.name} (${d.kind})`);

simulation.on('tick', () => {
  link
    .attr('x1', (d) => d.source.x)
    .attr('y1', (d) => d.source.y)
    .attr('x2', (d) => d.target.x)
    .attr('y2', (d) => d.target.y);
  node.attr('transform', (d) => `translate(${d.x},${d.y})`);
});

function dragstarted(event) {
  if (!event.active) simulation.alphaTarget(0.3).restart();
  event.subject.fx = event.subject.x;
  event.subject.fy = event.subject.y;
}

function dragged(event) {
  event.subject.fx = event.x;
  event.subject.fy = event.y;
}

function dragended(event) {
  if (!event.active) simulation.alphaTarget(0);
  event.subject.fx = null;
  event.subject.fy = null;
}
