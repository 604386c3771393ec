// node node-render.js ENGINE < graph.gv > graph.svg: Graphviz in WebAssembly without a
// browser, for viz.save when the dot program is missing but Node.js is installed.
const fs = require("fs");
const path = require("path");
globalThis.Viz = require(path.join(__dirname, "viz-global.js"));
require(path.join(__dirname, "layout.js"));
globalThis
  .scalargradLayout(fs.readFileSync(0, "utf8"), process.argv[2] || "dot")
  .then((svg) => process.stdout.write(svg))
  .catch((error) => {
    process.stderr.write(String(error.message || error));
    process.exit(1);
  });
