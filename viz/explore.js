// viz.explore's front end: one ES module for the Jupyter widget (anywidget) and the saved page.
//
// It only displays: Python computes every number and colour (see viz/explore.py) and this
// module puts them into the SVG that Graphviz laid out once, by element id (v3, v3_op,
// v1__v3_op__0). A change of a leaf is sent to Python ({type: "set"}), which answers with a
// new state; the layout never moves.

const PLAY_INTERVAL_MS = 1200;

function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function button(label, role, title) {
  const element = make("button", "vx-button", label);
  element.type = "button";
  element.dataset.role = role;
  if (title) element.title = title;
  return element;
}

// The saved page has no kernel: a stand-in for anywidget's model over precomputed data.
function standaloneModel(page) {
  const values = {
    svg: page.svg,
    state: page.state,
    model_svg: page.model_svg || "",
    model_state: page.model_state || {},
    whatif_off: page.whatif_off || "",
    words: page.words || {},
  };
  const listeners = {};
  const fire = (name) => (listeners[name] || []).forEach((callback) => callback());
  return {
    get: (name) => values[name],
    set: (name, value) => {
      values[name] = value;
      fire(`change:${name}`);
    },
    save_changes: () => {},
    on: (event, callback) => {
      (listeners[event] = listeners[event] || []).push(callback);
    },
    off: () => {},
    send: (message) => {
      if (message.type === "open" && page.children && page.children[message.neuron]) {
        const child = page.children[message.neuron];
        values.svg = child.svg;
        values.state = child.state;
        fire("change:svg");
        fire("change:state");
      } else if (message.type === "close") {
        values.svg = "";
        values.state = {};
        fire("change:svg");
        fire("change:state");
      }
    },
  };
}

function render({ model, el }) {
  // The words in the page's language (viz.set_language): English text is its own key.
  const words = model.get("words") || {};
  const t = (text, values = {}) =>
    (words[text] || text).replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const root = make("div", "vx-root");
  el.appendChild(root);

  // ----------------------------------------------------------------- model mode
  const modelView = make("div", "vx-model");
  const modelHint = make(
    "div",
    "vx-hint",
    t("Click a neuron to open its scalar graph on this input (values and gradients).")
  );
  const modelPicture = make("div", "vx-picture");
  modelPicture.dataset.role = "model-picture";
  modelView.append(modelHint, modelPicture);

  // ----------------------------------------------------------------- graph mode
  const graphView = make("div", "vx-graph");
  const back = button(t("← back to the model"), "back", t("Back to the layer picture"));
  const controls = make("div", "vx-controls");
  const prev = button(t("◀ prev"), "prev", t("Previous step"));
  const next = button(t("next ▶"), "next", t("Next step"));
  const play = button(t("▶ play"), "play", t("Play every step"));
  const slider = make("input", "vx-slider");
  slider.type = "range";
  slider.min = "0";
  slider.step = "1";
  slider.dataset.role = "slider";
  const stepLabel = make("span", "vx-step");
  stepLabel.dataset.role = "step-label";
  const flowLabel = make("label", "vx-toggle");
  const flow = make("input");
  flow.type = "checkbox";
  flow.dataset.role = "flow-toggle";
  flowLabel.append(flow, document.createTextNode(" " + t("gradient flow")));
  controls.append(prev, next, play, slider, stepLabel, flowLabel);
  const caption = make("div", "vx-caption");
  caption.dataset.role = "caption";
  const legend = make("div", "vx-legend");
  const error = make("div", "vx-error");
  error.dataset.role = "error";
  const body = make("div", "vx-body");
  const picture = make("div", "vx-picture");
  picture.dataset.role = "picture";
  const panel = make("div", "vx-panel");
  panel.dataset.role = "panel";
  const leavesBox = make("div", "vx-leaves");
  leavesBox.dataset.role = "leaves";
  body.append(picture, panel, leavesBox);
  graphView.append(back, controls, caption, legend, error, body);
  root.append(modelView, graphView);

  let step = 0;
  let mode = "role";
  let selected = null;
  let timer = null;
  let elements = {}; // id -> cached SVG elements

  const state = () => model.get("state") || {};
  const steps = () => state().steps || [];

  function stopPlaying() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.textContent = "▶ play";
  }

  // Graphviz wraps a node with a tooltip in <g id="a_v0"><a>; the shapes are inside.
  function shapesOf(group) {
    return Array.from(group.querySelectorAll("path, polygon, ellipse"));
  }

  function cacheElements(svg) {
    elements = {};
    for (const group of svg.querySelectorAll("g.node, g.edge")) {
      const id = group.getAttribute("id");
      if (!id) continue;
      const texts = Array.from(group.querySelectorAll("text"));
      elements[id] = {
        group,
        shapes: shapesOf(group),
        data: texts.find((t) => t.textContent.startsWith("data ")),
        grad: texts.find((t) => t.textContent.startsWith("grad ")),
        texts,
      };
    }
  }

  function buildGraph() {
    stopPlaying();
    const svgText = model.get("svg") || "";
    picture.innerHTML = svgText;
    const svg = picture.querySelector("svg");
    const hasModel = !!model.get("model_svg");
    back.style.display = hasModel ? "" : "none";
    graphView.style.display = svgText ? "" : "none";
    modelView.style.display = hasModel && !svgText ? "" : "none";
    selected = null;
    step = 0;
    if (!svg) return;
    svg.classList.add("vx-svg");
    cacheElements(svg);
    for (const [id, item] of Object.entries(elements)) {
      if (!/^v\d+(_op)?$/.test(id)) continue;
      item.group.classList.add("vx-clickable");
      item.group.addEventListener("click", (event) => {
        event.preventDefault();
        selected = id.replace(/_op$/, "");
        showPanel();
        markSelected();
      });
    }
    buildLeaves();
    update();
  }

  function buildModel() {
    const svgText = model.get("model_svg") || "";
    modelPicture.innerHTML = svgText;
    const svg = modelPicture.querySelector("svg");
    if (!svg) return;
    svg.classList.add("vx-svg");
    const neurons = new Set((model.get("model_state") || {}).neurons || []);
    for (const group of svg.querySelectorAll("g.node")) {
      const title = group.querySelector("title");
      const name = title ? title.textContent.trim() : "";
      if (!neurons.has(name)) continue;
      group.dataset.neuron = name;
      group.classList.add("vx-clickable");
      group.addEventListener("click", (event) => {
        event.preventDefault();
        model.send({ type: "open", neuron: name });
      });
    }
    graphView.style.display = model.get("svg") ? "" : "none";
    modelView.style.display = model.get("svg") ? "none" : "";
  }

  function paintElement(id, colours) {
    const item = elements[id];
    if (!item || !colours) return;
    if (/^v\d+$/.test(id)) {
      const [fill, border, width, text, gradColour] = colours;
      const shape = item.shapes[0];
      if (shape) {
        shape.setAttribute("fill", fill);
        shape.setAttribute("stroke", border);
        shape.setAttribute("stroke-width", width);
      }
      for (const t of item.texts) t.setAttribute("fill", text);
      if (item.grad) item.grad.setAttribute("fill", gradColour);
    } else if (/^v\d+_op$/.test(id)) {
      const [fill, border, width] = colours;
      for (const shape of item.shapes) {
        shape.setAttribute("fill", fill);
        shape.setAttribute("stroke", border);
        shape.setAttribute("stroke-width", width);
      }
    } else {
      const [colour, width] = colours;
      for (const shape of item.shapes) {
        shape.setAttribute("stroke", colour);
        shape.setAttribute("stroke-width", width);
        if (shape.tagName.toLowerCase() === "polygon") shape.setAttribute("fill", colour);
      }
    }
  }

  function update() {
    const s = state();
    const all = steps();
    if (!all.length) return;
    step = Math.min(Math.max(step, 0), all.length - 1);
    const current = all[step];
    slider.max = String(all.length - 1);
    slider.value = String(step);
    stepLabel.textContent = t("step {step} of {total}", { step, total: all.length - 1 });
    prev.disabled = step === 0;
    next.disabled = step === all.length - 1;

    caption.replaceChildren(
      ...current.caption.filter((line) => line.trim()).map((line) => make("div", "vx-line", line))
    );
    legend.textContent = mode === "grad" ? s.legend.grad : "";
    error.textContent = s.error || "";
    error.style.display = s.error ? "" : "none";

    for (const [id, text] of Object.entries(s.data || {})) {
      const item = elements[id];
      if (item && item.data) item.data.textContent = `data ${text}`;
    }
    for (const [id, text] of Object.entries(current.grads)) {
      const item = elements[id];
      if (item && item.grad) item.grad.textContent = `grad ${text}`;
    }
    for (const [id, colours] of Object.entries(current.paint[mode])) paintElement(id, colours);
    markSelected();
    updateLeaves();
    showPanel();
  }

  function markSelected() {
    for (const [id, item] of Object.entries(elements)) {
      item.group.classList.toggle("vx-selected", id === selected);
    }
  }

  function showPanel() {
    const s = state();
    const info = selected && s.panels ? s.panels[selected] : null;
    if (!info) {
      panel.replaceChildren(make("div", "vx-hint", t("Click a node to see how its gradient is made.")));
      return;
    }
    const current = steps()[step];
    const rows = [];
    const title = make("div", "vx-panel-title", info.label);
    title.dataset.role = "panel-label";
    rows.push(title);
    const facts = [
      ["role", t("role"), t(info.role)],
      ["op", t("op"), info.op || t("none (a leaf)")],
      ["data", "data", info.data],
      ["grad", "grad after backward()", info.grad],
      ["grad-now", t("grad at step {step}", { step }), current ? current.grads[info.id] : ""],
    ];
    const table = make("table", "vx-facts");
    for (const [role, name, value] of facts) {
      const tr = make("tr");
      const td = make("td", "", value);
      td.dataset.role = `panel-${role}`;
      tr.append(make("th", "", name), td);
      table.appendChild(tr);
    }
    rows.push(table);
    if (info.derivatives.length) {
      rows.push(make("div", "vx-panel-heading", t("local derivatives of {op}", { op: info.op })));
      for (const d of info.derivatives) {
        const box = make("div", "vx-derivative");
        box.dataset.role = "derivative";
        const name = make("span", "vx-math-name", `∂out/∂${d.operand} =`);
        const image = make("img", "vx-math");
        image.src = d.image;
        image.alt = d.latex;
        image.dataset.latex = d.latex;
        const value = make("span", "vx-math-value", t("= {value} here (input {operand}: {input})", d));
        value.dataset.role = "derivative-value";
        box.append(name, image, value);
        rows.push(box);
      }
    }
    rows.push(make("div", "vx-panel-heading", t("contributions received")));
    const list = make("ol", "vx-contributions");
    list.dataset.role = "contributions";
    if (!info.contributions.length) {
      list.appendChild(make("li", "", t("none: nothing uses this node")));
    }
    for (const c of info.contributions) {
      const item = make("li", c.step > step ? "vx-future" : "", `${c.text}  (step ${c.step})`);
      item.dataset.amount = c.amount;
      list.appendChild(item);
    }
    rows.push(list);
    const sum = make("div", "vx-sum", t("sum: {sum}", { sum: info.sum }));
    sum.dataset.role = "sum";
    rows.push(sum);
    panel.replaceChildren(...rows);
  }

  let leafInputs = {};

  function buildLeaves() {
    const s = state();
    leafInputs = {};
    const off = model.get("whatif_off") || (s.whatif ? "" : s.whatif_reason);
    const rows = [make("div", "vx-panel-heading", t("what if? inputs and parameters"))];
    if (off) {
      const note = make("div", "vx-note", off);
      note.dataset.role = "whatif-note";
      rows.push(note);
    }
    for (const leaf of s.leaves || []) {
      const row = make("div", "vx-leaf");
      const name = make("span", `vx-leaf-name vx-${leaf.role}`, leaf.label);
      const number = make("input", "vx-number");
      number.type = "number";
      number.step = "any";
      number.dataset.role = `leaf-number-${leaf.id}`;
      const range = make("input", "vx-range");
      range.type = "range";
      range.dataset.role = `leaf-slider-${leaf.id}`;
      number.disabled = range.disabled = !!off;
      const send = (value) => {
        const x = Number(value);
        if (value === "" || !Number.isFinite(x)) return;
        model.send({ type: "set", id: leaf.id, value: x });
      };
      number.addEventListener("change", () => send(number.value));
      number.addEventListener("keydown", (event) => {
        if (event.key === "Enter") send(number.value);
      });
      let pending = null;
      range.addEventListener("input", () => {
        number.value = range.value;
        if (pending === null) {
          pending = setTimeout(() => {
            pending = null;
            send(range.value);
          }, 60);
        }
      });
      range.addEventListener("change", () => send(range.value));
      row.append(name, number, range);
      rows.push(row);
      leafInputs[leaf.id] = { number, range, label: leaf.label };
    }
    leavesBox.replaceChildren(...rows);
    updateLeaves();
  }

  function updateLeaves() {
    for (const leaf of state().leaves || []) {
      const inputs = leafInputs[leaf.id];
      if (!inputs) continue;
      inputs.range.min = String(leaf.min);
      inputs.range.max = String(leaf.max);
      inputs.range.step = String(leaf.step);
      if (document.activeElement !== inputs.range) inputs.range.value = String(leaf.value);
      if (document.activeElement !== inputs.number) inputs.number.value = String(leaf.value);
    }
  }

  function go(to) {
    step = to;
    update();
  }

  prev.addEventListener("click", () => {
    stopPlaying();
    go(step - 1);
  });
  next.addEventListener("click", () => {
    stopPlaying();
    go(step + 1);
  });
  slider.addEventListener("input", () => {
    stopPlaying();
    go(Number(slider.value));
  });
  play.addEventListener("click", () => {
    if (timer !== null) {
      stopPlaying();
      return;
    }
    if (step >= steps().length - 1) go(0);
    play.textContent = "❚❚ pause";
    timer = setInterval(() => {
      if (step >= steps().length - 1) stopPlaying();
      else go(step + 1);
    }, PLAY_INTERVAL_MS);
  });
  flow.addEventListener("change", () => {
    mode = flow.checked ? "grad" : "role";
    update();
  });
  back.addEventListener("click", () => model.send({ type: "close" }));

  const onSvg = () => buildGraph();
  const onState = () => {
    const s = state();
    const known = Object.keys(leafInputs).map((id) => `${id}:${leafInputs[id].label}`).join(",");
    const now = (s.leaves || []).map((leaf) => `${leaf.id}:${leaf.label}`).join(",");
    if (known !== now) buildLeaves();
    update();
  };
  const onModel = () => buildModel();
  model.on("change:svg", onSvg);
  model.on("change:state", onState);
  model.on("change:model_svg", onModel);
  buildModel();
  buildGraph();
  return () => {
    stopPlaying();
    model.off("change:svg", onSvg);
    model.off("change:state", onState);
    model.off("change:model_svg", onModel);
  };
}

export default { render };
