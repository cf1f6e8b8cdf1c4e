import { Center, Loader } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { Core, ElementDefinition } from 'cytoscape';

export interface GraphViewNode {
  id: string;
  label: string;
  color: string;
  size: number;
  kind: 'service' | 'provider';
}

export interface GraphViewEdge {
  id: string;
  source: string;
  target: string;
  /** Degraded edges do not propagate a stop: drawn dashed. */
  degraded: boolean;
  /** Automatic failover: drawn faint. */
  automatic: boolean;
}

interface CytoscapeGraphProps {
  nodes: readonly GraphViewNode[];
  edges: readonly GraphViewEdge[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  height: number;
  label: string;
}

/**
 * The dependency graph drawn by Cytoscape.js, loaded on first use (it is large, and only this view needs it).
 * An arrow points from a node to what it depends on. Services are circles and providers rounded squares,
 * coloured and sized by the caller. Clicking a node selects it; clicking the background clears the selection.
 */
export function CytoscapeGraph({ nodes, edges, selected, onSelect, height, label }: CytoscapeGraphProps) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let instance: Core | null = null;
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled || !box.current) return;
      const elements: ElementDefinition[] = [
        ...nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, label: n.label, color: n.color, size: n.size, kind: n.kind } })),
        ...edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target }, classes: [e.degraded ? 'degraded' : '', e.automatic ? 'automatic' : ''].join(' ').trim() })),
      ];
      instance = cytoscape({
        container: box.current,
        elements,
        wheelSensitivity: 0.3,
        minZoom: 0.1,
        maxZoom: 4,
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(color)',
              width: 'data(size)',
              height: 'data(size)',
              label: 'data(label)',
              'font-size': 11,
              // Labels too small to read at the current zoom are hidden until one zooms in.
              'min-zoomed-font-size': 7,
              'text-valign': 'bottom',
              'text-margin-y': 4,
              'text-wrap': 'ellipsis',
              'text-max-width': '140px',
              color: '#212529',
              'text-background-color': '#ffffff',
              'text-background-opacity': 0.7,
              'text-background-padding': '1px',
            },
          },
          { selector: 'node[kind = "provider"]', style: { shape: 'round-rectangle' } },
          { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#e03131' } },
          { selector: 'node.neighbour', style: { 'border-width': 2, 'border-color': '#fd7e14' } },
          { selector: 'node.faded', style: { opacity: 0.25 } },
          {
            selector: 'edge',
            style: {
              width: 1.5,
              'line-color': '#adb5bd',
              'target-arrow-color': '#adb5bd',
              'target-arrow-shape': 'triangle',
              'curve-style': 'bezier',
              'arrow-scale': 0.8,
            },
          },
          { selector: 'edge.degraded', style: { 'line-style': 'dashed' } },
          { selector: 'edge.automatic', style: { opacity: 0.4 } },
          { selector: 'edge.highlight', style: { 'line-color': '#fd7e14', 'target-arrow-color': '#fd7e14', width: 2.5 } },
        ],
        layout: nodes.length > 1500 ? { name: 'grid' } : { name: 'cose', animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, randomize: false },
      });
      // Fitting a handful of nodes would blow them up to fill the box: keep small graphs at natural size.
      if (instance.zoom() > 1.2) {
        instance.zoom(1.2);
        instance.center();
      }
      instance.on('tap', 'node', (evt) => onSelectRef.current(evt.target.id() as string));
      instance.on('tap', (evt) => {
        if (evt.target === instance) onSelectRef.current(null);
      });
      cy.current = instance;
      setReady(true);
    });
    return () => {
      cancelled = true;
      instance?.destroy();
      cy.current = null;
      setReady(false);
    };
  }, [nodes, edges]);

  // Selection and its neighbourhood highlighted without rebuilding the graph.
  useEffect(() => {
    const c = cy.current;
    if (!c || !ready) return;
    c.batch(() => {
      c.elements().removeClass('neighbour faded highlight').unselect();
      if (!selected) return;
      const node = c.getElementById(selected);
      if (node.empty()) return;
      node.select();
      const hood = node.closedNeighborhood();
      c.elements().difference(hood).addClass('faded');
      hood.nodes().difference(node).addClass('neighbour');
      hood.edges().addClass('highlight');
    });
  }, [selected, ready]);

  return (
    <div style={{ position: 'relative', width: '100%', height }}>
      <div ref={box} role="img" aria-label={label} data-testid="dependency-graph-canvas" data-ready={ready ? 'true' : 'false'} data-nodes={nodes.length} style={{ width: '100%', height }} />
      {!ready && (
        <Center style={{ position: 'absolute', inset: 0 }}>
          <Loader size="sm" />
        </Center>
      )}
    </div>
  );
}
