import { instance, type Viz } from '@viz-js/viz';
import { FONT } from './dot';

let viz: Promise<Viz> | undefined;

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no system graphviz, and the same
 * bytes for the same DOT on every machine.
 */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    const messages = result.errors.map((e) => e.message.trim()).join('; ');
    throw new Error(`Graphviz could not lay out the diagram (${messages}). This is a bug in the DOT generator (scripts/lib/diagram/dot.ts).`);
  }
  // Graphviz writes only the font it measured; name the fallbacks for viewers without it.
  return result.output.split(`font-family="${FONT}"`).join(`font-family="${FONT},DejaVu Sans,Helvetica,Arial,sans-serif"`);
}
