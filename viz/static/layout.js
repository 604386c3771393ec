// globalThis.scalargradLayout(dot, engine = "dot") -> Promise<string>: the SVG of a DOT text,
// laid out and drawn by Graphviz compiled to WebAssembly (viz-global.js, which defines the
// global `Viz`, runs first). The SVG has the ids Python's `dot -Tsvg` gives (v0, v0_op,
// v0__v1_op__0, ...), since it is the same Graphviz.
(() => {
  let ready = null; // one WebAssembly instance per page, made on first use
  globalThis.scalargradLayout = async (dot, engine = "dot") => {
    if (typeof dot !== "string") {
      throw new TypeError(`scalargradLayout: expected DOT text, got ${typeof dot}`);
    }
    ready ??= globalThis.Viz.instance();
    const viz = await ready;
    const result = viz.render(dot, { format: "svg", engine });
    if (result.status !== "success") {
      const messages = result.errors.map((e) => `${e.level}: ${e.message}`).join("; ");
      throw new Error(`scalargradLayout: Graphviz could not lay out the graph: ${messages}`);
    }
    return result.output;
  };
})();
