// Parse a GEXF or GraphML file with graphology (the parsers Gephi Lite uses) and print what they
// read as JSON: graph type, node and edge counts, and every node's and edge's attributes.
// Usage: node parse.js gexf|graphml FILE
'use strict';

const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
const graphml = require('graphology-graphml');

const parsers = {gexf: gexf.parse, graphml: graphml.parse};
const [format, file] = process.argv.slice(2);

if (!parsers[format] || !file) {
  console.error('usage: node parse.js gexf|graphml FILE');
  process.exit(2);
}

const graph = parsers[format](Graph, fs.readFileSync(file, 'utf8'));
const nodes = {};
graph.forEachNode((node, attributes) => {
  nodes[node] = attributes;
});
const edges = {};
graph.forEachEdge((edge, attributes, source, target) => {
  edges[edge] = {source, target, attributes};
});

process.stdout.write(JSON.stringify({
  type: graph.type,
  multi: graph.multi,
  order: graph.order,
  size: graph.size,
  attributes: graph.getAttributes(),
  nodes,
  edges
}));
