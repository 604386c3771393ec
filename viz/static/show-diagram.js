// Draws a diagram in a notebook output when Graphviz's `dot` is not installed (viz.wasm).
// The output is <div class="sg-wasm"> holding a JSON script (the frames' DOT text, the
// engine, and Graphviz-in-WebAssembly gzipped and base64-encoded) and this classic script,
// which finds its own output through document.currentScript. Several frames (show_steps)
// get a play button and a slider. Classic, not a module: JupyterLab, Notebook 7 and VS Code
// run a trusted output's classic scripts, and currentScript works only in those.
(() => {
  const root = document.currentScript.closest(".sg-wasm");
  const data = JSON.parse(root.querySelector("script.sg-data").textContent);
  const picture = root.querySelector(".sg-picture");

  // The library is loaded once per page, whichever output comes first.
  async function loadLibrary() {
    if (globalThis.scalargradLayout) return;
    const bytes = Uint8Array.from(atob(data.library), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const script = document.createElement("script");
    script.textContent = await new Response(stream).text();
    document.head.appendChild(script); // runs at once: defines Viz and scalargradLayout
  }
  globalThis.__scalargradLibrary ??= loadLibrary();

  const drawn = new Map();
  async function show(index) {
    try {
      await globalThis.__scalargradLibrary;
      if (!drawn.has(index)) {
        drawn.set(index, await globalThis.scalargradLayout(data.frames[index], data.engine));
      }
      picture.innerHTML = drawn.get(index);
    } catch (error) {
      picture.textContent = `The diagram could not be drawn in the browser: ${error}`;
    }
  }

  if (data.frames.length > 1) {
    const controls = root.querySelector(".sg-controls");
    controls.hidden = false;
    const slider = controls.querySelector("input");
    const play = controls.querySelector("button");
    const label = controls.querySelector("span");
    slider.max = String(data.frames.length - 1);
    const go = (index) => {
      slider.value = String(index);
      label.textContent = `step ${index}`;
      show(index);
    };
    slider.addEventListener("input", () => go(Number(slider.value)));
    let timer = null;
    play.addEventListener("click", () => {
      if (timer !== null) {
        clearInterval(timer);
        timer = null;
        return;
      }
      if (Number(slider.value) === data.frames.length - 1) go(0);
      timer = setInterval(() => {
        const next = Number(slider.value) + 1;
        if (next >= data.frames.length) {
          clearInterval(timer);
          timer = null;
        } else {
          go(next);
        }
      }, 1500);
    });
  }
  show(0);
})();
