// viz.explore's front end: one ES module for the Jupyter widget (anywidget) and the saved page.
//
// It only displays: Python computes every number, name and colour (viz/explorer/state.py).
// The picture comes laid out (state.svg) or, where Python has no Graphviz, is laid out here
// from state.dot by globalThis.scalargradLayout (Graphviz in WebAssembly, the same ids).
// Elements are then addressed by id: value nodes v3, op nodes v3_op, edges v1__v3_op__0 and
// v3_op__v3. Texts are templates whose numbers are slots ⟦12⟧ into state.num. A what-if
// change is sent to Python ({type: "set"}); Python answers with the difference from the state
// it first sent ({type: "patch"}), applied here to a copy of it.

const PLAY_INTERVAL_MS = 1200;
const SLOT = /⟦(\d+)⟧/g;
const LEGIBLE_ZOOM = 0.75; // the picture never opens smaller than this: text stays readable
const NARROW = 900; // px: below this width the panel goes under the picture

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
  if (title) {
    element.title = title;
    element.setAttribute("aria-label", title);
  }
  return element;
}

function toggle(text, role) {
  const label = make("label", "vx-toggle");
  const box = make("input");
  box.type = "checkbox";
  box.dataset.role = role;
  label.append(box, document.createTextNode(" " + text));
  return [label, box];
}

// The saved page has no kernel: a stand-in for anywidget's model over precomputed data.
function standaloneModel(page) {
  const values = {
    state: page.state || {},
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
        values.state = page.children[message.neuron];
        fire("change:state");
      } else if (message.type === "close") {
        values.state = {};
        fire("change:state");
      }
    },
  };
}

// Apply [path, value] pairs (viz.explorer.state.diff) to a copy of the state.
function patched(base, patch) {
  const state = structuredClone(base);
  for (const [path, value] of patch) {
    if (!path.length) return structuredClone(value);
    let target = state;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path[path.length - 1]] = value;
  }
  return state;
}

async function layoutOf(state) {
  if (state.svg) return state.svg;
  if (typeof globalThis.scalargradLayout === "function") {
    return await globalThis.scalargradLayout(state.dot);
  }
  return "";
}

function render({ model, el }) {
  // The words in the page's language (viz.set_language): English text is its own key.
  const words = model.get("words") || {};
  const t = (text, values = {}) =>
    (words[text] || text).replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
  const root = make("div", "vx-root");
  // Keys pressed inside the explorer are its own: JupyterLab's shortcuts must not see them
  // (arrow keys would move between cells, "a" would insert one).
  root.dataset.lmSuppressShortcuts = "true";
  el.appendChild(root);

  // ----------------------------------------------------------------- model mode
  const modelView = make("div", "vx-model");
  const modelHint = make(
    "div",
    "vx-hint",
    t("Click a neuron to open its scalar graph on this input (values and gradients).")
  );
  const modelPicture = make("div", "vx-picture vx-model-picture");
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
  slider.setAttribute("aria-label", t("backward step"));
  const stepLabel = make("span", "vx-step");
  stepLabel.dataset.role = "step-label";
  const [flowLabel, flow] = toggle(t("gradient flow"), "flow-toggle");
  const [healthLabel, healthBox] = toggle(t("health"), "health-toggle");
  const [practiceLabel, practiceBox] = toggle(t("practice"), "practice-toggle");
  const zoomOut = button("−", "zoom-out", t("zoom out"));
  const zoomIn = button("+", "zoom-in", t("zoom in"));
  const fit = button(t("fit"), "zoom-fit", t("Fit the whole graph"));
  const actual = button("100%", "zoom-100", t("Actual size"));
  controls.append(prev, next, play, slider, stepLabel, flowLabel, healthLabel, practiceLabel);
  controls.append(zoomOut, zoomIn, fit, actual);
  const caption = make("div", "vx-caption");
  caption.dataset.role = "caption";
  caption.setAttribute("aria-live", "polite");
  caption.setAttribute("role", "status");
  const legend = make("div", "vx-legend");
  legend.dataset.role = "legend";
  const error = make("div", "vx-error");
  error.dataset.role = "error";
  error.setAttribute("role", "alert");
  const body = make("div", "vx-body");
  const stage = make("div", "vx-stage");
  stage.dataset.role = "stage";
  const picture = make("div", "vx-picture");
  picture.dataset.role = "picture";
  stage.appendChild(picture);
  const side = make("div", "vx-side");
  const practiceBoxView = make("div", "vx-practice");
  practiceBoxView.dataset.role = "practice";
  const panel = make("div", "vx-panel");
  panel.dataset.role = "panel";
  const leavesBox = make("div", "vx-leaves");
  leavesBox.dataset.role = "leaves";
  side.append(practiceBoxView, panel, leavesBox);
  body.append(stage, side);
  graphView.append(back, controls, caption, legend, error, body);
  root.append(modelView, graphView);

  let base = {}; // the state Python first sent (the synced trait)
  let current = {}; // base with the latest patch applied
  let step = 0;
  let mode = "role";
  let selected = null;
  let timer = null;
  let zoom = 1;
  let natural = { width: 0, height: 0 };
  let elements = {}; // id -> {group, shape, shapes, name, data, grad, title}
  let built = 0; // increases with every picture, so a slow layout never lands on a newer one
  const practice = { right: 0, asked: 0, result: null };

  const steps = () => current.steps || [];
  const num = (text) => String(text).replace(SLOT, (_, i) => current.num[Number(i)]);
  const nameOf = (i) => current.nodes[i].name;

  function stopPlaying() {
    if (timer !== null) clearInterval(timer);
    timer = null;
    play.textContent = t("▶ play");
  }

  // ------------------------------------------------------------- the picture
  function cacheElements(svg) {
    elements = {};
    for (const group of svg.querySelectorAll("g.node, g.edge")) {
      const id = group.getAttribute("id");
      if (!id) continue;
      const texts = Array.from(group.querySelectorAll("text"));
      elements[id] = {
        group,
        shapes: Array.from(group.querySelectorAll("path, polygon, ellipse")),
        name: texts.find((x) => x.getAttribute("font-weight") === "bold"),
        data: texts.find((x) => x.textContent.startsWith("data ")),
        grad: texts.find((x) => x.textContent.startsWith("grad ")),
        texts,
      };
    }
  }

  function select(i) {
    selected = i;
    showPanel();
    markSelected();
  }

  async function buildGraph() {
    stopPlaying();
    const mine = ++built;
    const shown = model.get("model_state") || {};
    const hasModel = !!(shown.svg || shown.dot);
    back.style.display = hasModel ? "" : "none";
    const showing = current.kind === "graph";
    graphView.style.display = showing ? "" : "none";
    modelView.style.display = hasModel && !showing ? "" : "none";
    selected = null;
    step = 0;
    practice.right = practice.asked = 0;
    practice.result = null;
    if (!showing) return;
    practiceBox.checked = !!(current.start && current.start.practice);
    healthBox.checked = !!(current.start && current.start.health);
    const svgText = await layoutOf(current);
    if (mine !== built) return;
    picture.innerHTML = svgText;
    const svg = picture.querySelector("svg");
    if (!svg) {
      picture.replaceChildren(
        make("div", "vx-note", t("The picture needs a layout: install Graphviz (the dot program), or load the in-browser layout."))
      );
      return;
    }
    svg.classList.add("vx-svg");
    const box = svg.viewBox && svg.viewBox.baseVal;
    natural = {
      width: box && box.width ? box.width * (4 / 3) : svg.getBoundingClientRect().width,
      height: box && box.height ? box.height * (4 / 3) : svg.getBoundingClientRect().height,
    };
    cacheElements(svg);
    current.nodes.forEach((node, i) => {
      const item = elements[`v${i}`];
      if (!item) return;
      const group = item.group;
      group.classList.add("vx-clickable");
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      group.setAttribute("aria-label", t("node {name}", { name: node.name }));
      item.title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      group.prepend(item.title);
      group.addEventListener("click", (event) => {
        event.preventDefault();
        select(i);
      });
      group.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          select(i);
        }
      });
      const op = elements[`v${i}_op`];
      if (op) {
        op.group.classList.add("vx-clickable");
        op.group.addEventListener("click", () => select(i));
      }
    });
    const longest = Math.max(...steps().map((s) => s.caption.length));
    caption.style.minHeight = `${longest * 1.45 + 0.8}em`; // stepping never moves the page
    buildLeaves();
    zoomTo(defaultZoom());
    update();
  }

  function defaultZoom() {
    const room = stage.clientWidth || 800;
    return Math.min(1, Math.max(LEGIBLE_ZOOM, room / natural.width));
  }

  function zoomTo(z) {
    const svg = picture.querySelector("svg");
    if (!svg || !natural.width) return;
    zoom = Math.min(4, Math.max(0.1, z));
    svg.style.width = `${natural.width * zoom}px`;
    svg.style.height = `${natural.height * zoom}px`;
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    picture.dataset.zoom = zoom.toFixed(3);
  }

  function fitZoom() {
    const width = stage.clientWidth || 800;
    const height = stage.clientHeight || 600;
    return Math.min(width / natural.width, height / natural.height, 1);
  }

  function scrollToNode(i) {
    const item = elements[`v${i}`];
    if (!item) return;
    const node = item.group.getBoundingClientRect();
    const view = stage.getBoundingClientRect();
    const inside =
      node.left >= view.left && node.right <= view.right &&
      node.top >= view.top && node.bottom <= view.bottom;
    if (inside) return;
    stage.scrollLeft += node.left + node.width / 2 - (view.left + view.width / 2);
    stage.scrollTop += node.top + node.height / 2 - (view.top + view.height / 2);
  }

  // ------------------------------------------------------------- model mode
  let modelLayouts = 0; // the latest layout asked for wins
  function buildModel() {
    const ms = model.get("model_state") || {};
    if (!ms.svg && ms.dot && typeof globalThis.scalargradLayout === "function") {
      const ticket = ++modelLayouts; // no dot in Python: Graphviz in WebAssembly lays it out
      globalThis.scalargradLayout(ms.dot, ms.engine).then((svg) => {
        if (ticket === modelLayouts) showModel(ms, svg);
      });
      return;
    }
    modelLayouts++;
    showModel(ms, ms.svg || "");
  }

  function showModel(ms, svgText) {
    modelPicture.innerHTML = svgText;
    const svg = modelPicture.querySelector("svg");
    if (!svg) return;
    svg.classList.add("vx-svg");
    const neurons = new Set(ms.neurons || []);
    for (const group of svg.querySelectorAll("g.node")) {
      const title = group.querySelector("title");
      const name = title ? title.textContent.trim() : "";
      if (!neurons.has(name)) continue;
      group.dataset.neuron = name;
      group.classList.add("vx-clickable");
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "button");
      group.setAttribute("aria-label", ms.places[name]);
      const open = () => model.send({ type: "open", neuron: name });
      group.addEventListener("click", (event) => {
        event.preventDefault();
        open();
      });
      group.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          open();
        }
      });
      const circle = group.querySelector("ellipse");
      if (circle && ms.activations[name] !== undefined) {
        // The neuron's activation for this input, under its circle.
        const text = document.createElementNS("http://www.w3.org/2000/svg", "text");
        text.setAttribute("x", circle.getAttribute("cx"));
        const below = Number(circle.getAttribute("cy")) + Number(circle.getAttribute("ry")) + 11;
        text.setAttribute("y", String(below));
        text.setAttribute("text-anchor", "middle");
        text.setAttribute("font-size", "10");
        text.classList.add("vx-activation");
        text.dataset.role = "activation";
        text.textContent = ms.activations[name];
        group.appendChild(text);
      }
    }
  }

  // ------------------------------------------------------------- painting a step
  function paintShape(shape, fill, stroke, width, dash) {
    if (!shape) return;
    if (fill !== null) shape.setAttribute("fill", fill);
    shape.setAttribute("stroke", stroke);
    shape.setAttribute("stroke-width", width);
    if (dash) shape.setAttribute("stroke-dasharray", dash);
    else shape.removeAttribute("stroke-dasharray");
  }

  // Every node's grad text, fill and whether a gradient has reached it, after `upto` steps.
  function gradsAt(upto) {
    const n = current.nodes.length;
    const texts = new Array(n).fill(current.zero);
    const looks = new Array(n).fill(null);
    const reached = new Array(n).fill(false);
    const edges = {};
    for (let k = 1; k <= upto; k++) {
      const s = steps()[k];
      for (const [i, slot, fill, text] of s.grads) {
        texts[i] = current.num[slot];
        looks[i] = [fill, text];
        reached[i] = true;
      }
      if (s.ran !== null) {
        current.nodes[s.ran].parents.forEach((p, j) => {
          edges[`v${p}__v${s.ran}_op__${j}`] = s.edges[j];
        });
        edges[`v${s.ran}_op__v${s.ran}`] = s.out_edge;
      }
    }
    return { texts, looks, reached, edges };
  }

  function update() {
    const s = current;
    const all = steps();
    if (!all.length || !Object.keys(elements).length) return;
    step = Math.min(Math.max(step, 0), all.length - 1);
    const now = all[step];
    slider.max = String(all.length - 1);
    slider.value = String(step);
    slider.setAttribute("aria-valuetext", t("step {step} of {total}", { step, total: all.length - 1 }));
    stepLabel.textContent = t("step {step} of {total}", { step, total: all.length - 1 });
    prev.disabled = step === 0;
    next.disabled = step === all.length - 1 || practiceWaiting();

    caption.replaceChildren(...now.caption.map((line) => make("div", "vx-line", num(line))));
    error.textContent = s.error || "";
    error.style.display = s.error ? "" : "none";

    const theme = s.theme;
    const grads = gradsAt(step);
    const ran = now.ran;
    const receivers = new Set(ran === null ? [] : s.nodes[ran].parents);
    const health = {};
    if (healthBox.checked) for (const [i, mark] of s.health) (health[i] = health[i] || []).push(mark);
    s.nodes.forEach((node, i) => {
      const item = elements[`v${i}`];
      if (!item) return;
      if (item.data) item.data.textContent = `data ${s.num[i]}`;
      if (item.grad) item.grad.textContent = `grad ${grads.texts[i]}`;
      const [roleFill, roleBorder] = theme.roles[node.role];
      let fill = roleFill;
      let text = theme.text;
      let border = roleBorder;
      let width = "1.2";
      if (mode === "grad") {
        [fill, text] = grads.looks[i] || [theme.zero[0], theme.text];
        width = "2.5";
      }
      let dash = null;
      if (health[i]) {
        border = theme.health[health[i][0]];
        width = "3";
        dash = "6 3";
      }
      if (i === ran) [border, width, dash] = [theme.highlight, "3.5", null];
      else if (receivers.has(i)) [border, width, dash] = [theme.highlight, "2.5", null];
      paintShape(item.shapes[0], fill, border, width, dash);
      for (const x of item.texts) x.setAttribute("fill", text);
      if (item.grad && !grads.reached[i]) item.grad.setAttribute("fill", theme.muted);
      if (item.title) item.title.textContent = tooltip(i, grads);
      const op = elements[`v${i}_op`];
      if (op) {
        const lit = i === ran;
        for (const shape of op.shapes) {
          paintShape(shape, lit ? theme.highlight_fill : theme.op[0], lit ? theme.highlight : theme.op[1], lit ? "2.5" : "1");
        }
      }
    });
    for (const [id, item] of Object.entries(elements)) {
      if (!item.group.classList.contains("edge")) continue;
      let [colour, width] = [theme.edge, "1"];
      if (mode === "grad") [colour, width] = grads.edges[id] || [theme.zero[1], 0.6];
      const target = id.split("__")[1] || "";
      const into = id.endsWith(`__v${ran}`) || target === `v${ran}_op`;
      if (ran !== null && into) [colour, width] = [theme.highlight, "2.5"];
      for (const shape of item.shapes) {
        shape.setAttribute("stroke", colour);
        shape.setAttribute("stroke-width", String(width));
        if (shape.tagName.toLowerCase() === "polygon") shape.setAttribute("fill", colour);
      }
    }
    showLegend();
    markSelected();
    updateLeaves();
    showPanel();
    showPractice();
    if (ran !== null) scrollToNode(ran);
  }

  function tooltip(i, grads) {
    const s = current;
    const node = s.nodes[i];
    const lines = [`${node.name} (${t(node.role)}): data = ${s.num[i]}`];
    lines.push(`${t("grad at step {step}", { step })} = ${grads.texts[i]}`);
    for (const [from, k, line] of s.panels[i].received) {
      if (k <= step) lines.push(`  ${t("from {name}, step {step}", { name: nameOf(from), step: k })}: ${num(steps()[k].caption[line])}`);
    }
    return lines.join("\n");
  }

  function showLegend() {
    const s = current;
    const rows = [];
    if (mode === "grad" && s.legend.grad.length) {
      const row = make("div", "vx-legend-row");
      row.append(make("span", "", t("|grad|, log scale:") + " " + s.legend.grad[0][0] + " "));
      for (const [, colour] of s.legend.grad) {
        const swatch = make("span", "vx-swatch");
        swatch.style.background = colour;
        row.appendChild(swatch);
      }
      row.append(make("span", "", " " + s.legend.grad[s.legend.grad.length - 1][0] + "  "));
      const zero = make("span", "vx-swatch");
      zero.style.background = s.theme.zero[0];
      row.append(zero, make("span", "", " " + t("0 (grey)")));
      rows.push(row);
    }
    if (healthBox.checked) {
      const row = make("div", "vx-legend-row");
      row.dataset.role = "health-legend";
      for (const [mark, text] of Object.entries(s.legend.health)) {
        const swatch = make("span", "vx-swatch vx-swatch-dashed");
        swatch.style.borderColor = s.theme.health[mark];
        const entry = make("span", "vx-legend-entry");
        entry.dataset.mark = mark;
        entry.append(swatch, document.createTextNode(" " + text));
        row.appendChild(entry);
      }
      rows.push(row);
    }
    legend.replaceChildren(...rows);
  }

  function markSelected() {
    current.nodes &&
      current.nodes.forEach((_, i) => {
        const item = elements[`v${i}`];
        if (item) item.group.classList.toggle("vx-selected", i === selected);
      });
  }

  // ------------------------------------------------------------- the panel
  function showPanel() {
    const s = current;
    if (selected === null || !s.panels) {
      panel.replaceChildren(
        make("div", "vx-hint", t("Click a node (or Tab to it and press Enter) to see how its gradient is made."))
      );
      return;
    }
    const i = selected;
    const info = s.panels[i];
    const node = s.nodes[i];
    const grads = gradsAt(step);
    const rows = [];
    const title = make("div", "vx-panel-title", node.name);
    title.dataset.role = "panel-label";
    rows.push(title);
    const facts = [
      ["role", t("role"), t(node.role)],
      ["op", t("op"), node.op || t("none (a leaf)")],
      ["data", t("data"), s.num[i]],
      ["grad-now", t("grad at step {step}", { step }), grads.texts[i]],
    ];
    if (!practiceBox.checked) facts.splice(3, 0, ["grad", t("grad after backward()"), s.num[s.nodes.length + i]]);
    const table = make("table", "vx-facts");
    for (const [role, name, value] of facts) {
      const row = make("tr");
      const cell = make("td", "", value);
      cell.dataset.role = `panel-${role}`;
      row.append(make("th", "", name), cell);
      table.appendChild(row);
    }
    rows.push(table);
    if (healthBox.checked) {
      for (const line of info.health) {
        const note = make("div", "vx-health-note", line);
        note.dataset.role = "health-note";
        rows.push(note);
      }
    }
    if (info.formulas.length) {
      rows.push(make("div", "vx-panel-heading", t("local derivatives of {op}", { op: node.op })));
      for (const [formula, input, value] of info.formulas) {
        const box = make("div", "vx-derivative");
        box.dataset.role = "derivative";
        if (value === null) {
          box.append(make("span", "vx-constant", t("{name} is a constant: its gradient is not needed", { name: nameOf(input) })));
        } else {
          box.append(make("span", "vx-formula", formula));
          const shown = make("span", "vx-math-value", t("= {value} here", { value: num(value) }));
          shown.dataset.role = "derivative-value";
          box.append(shown);
        }
        rows.push(box);
      }
    }
    rows.push(make("div", "vx-panel-heading", t("contributions received (in step order)")));
    const list = make("ol", "vx-contributions");
    list.dataset.role = "contributions";
    if (info.seed) {
      const item = make("li", step < 1 ? "vx-future" : "", `${t("from backward(), step 1")}: ${num(info.seed)}`);
      list.appendChild(item);
    }
    if (!info.received.length && !info.seed) list.appendChild(make("li", "", t("none: nothing uses this node")));
    for (const [from, k, line] of info.received) {
      if (practiceBox.checked && k > step) continue; // not revealed yet
      const text = `${t("from {name}, step {step}", { name: nameOf(from), step: k })}: ${num(steps()[k].caption[line])}`;
      const item = make("li", k > step ? "vx-future" : "", text);
      item.dataset.from = nameOf(from);
      item.dataset.step = String(k);
      list.appendChild(item);
    }
    rows.push(list);
    if (!practiceBox.checked) {
      const sum = make("div", "vx-sum", t("sum: {sum}", { sum: num(info.sum) }));
      sum.dataset.role = "sum";
      rows.push(sum);
    }
    panel.replaceChildren(...rows);
  }

  // ------------------------------------------------------------- practice mode
  function question() {
    const all = steps();
    return step + 1 < all.length ? all[step + 1].practice : null;
  }

  function practiceWaiting() {
    return practiceBox.checked && question() !== null && step + 1 < steps().length;
  }

  function showPractice() {
    if (!practiceBox.checked) {
      practiceBoxView.style.display = "none";
      return;
    }
    practiceBoxView.style.display = "";
    const rows = [];
    const score = make("div", "vx-score", t("score: {right} of {asked}", practice));
    score.dataset.role = "score";
    rows.push(score);
    if (practice.result) rows.push(practice.result);
    const q = question();
    const all = steps();
    if (step + 1 >= all.length) {
      rows.push(make("div", "vx-hint", t("Practice is done: every step is revealed.")));
    } else if (q === null) {
      rows.push(make("div", "vx-hint", t("No question at this step (its inputs are constants): press next.")));
    } else {
      const name = current.nodes[q.node].ref;
      const ask = make("label", "vx-question", t("Practice: what will {name}.grad be after step {step}?", { name, step: step + 1 }));
      ask.dataset.role = "question";
      const answer = make("input", "vx-number");
      answer.type = "text";
      answer.inputMode = "decimal";
      answer.dataset.role = "answer";
      answer.setAttribute("aria-label", t("your answer for {name}.grad", { name }));
      const check = button(t("check"), "check");
      const submit = () => checkAnswer(answer.value, q);
      check.addEventListener("click", submit);
      answer.addEventListener("keydown", (event) => {
        if (event.key === "Enter") submit();
      });
      const rule = make(
        "div",
        "vx-hint",
        t("Right means within {abs} or {rel}% of the engine's value, whichever is larger.", {
          abs: current.practice.abs,
          rel: current.practice.rel * 100,
        })
      );
      rows.push(ask, answer, check, rule);
    }
    practiceBoxView.replaceChildren(...rows);
  }

  function checkAnswer(text, q) {
    const guess = Number(String(text).trim().replace("−", "-"));
    if (String(text).trim() === "" || !Number.isFinite(guess)) {
      practice.result = make("div", "vx-wrong", t("Type a number first."));
      showPractice();
      return;
    }
    const tolerance = Math.max(current.practice.abs, current.practice.rel * Math.abs(q.value));
    const right = Math.abs(guess - q.value) <= tolerance;
    practice.asked += 1;
    if (right) practice.right += 1;
    step += 1; // reveal
    const shown = current.num[steps()[step].grads.find(([i]) => i === q.node)[1]];
    const result = make("div", right ? "vx-right" : "vx-wrong");
    result.dataset.role = "result";
    result.dataset.right = String(right);
    if (right) {
      result.textContent = "✓ " + t("Right: {value}", { value: shown });
    } else {
      result.append(make("div", "", "✗ " + t("Not quite: the engine gives {value}. Here is the chain rule:", { value: shown })));
      for (const k of q.why) result.append(make("div", "vx-line", num(steps()[step].caption[k])));
    }
    practice.result = result;
    update();
  }

  // ------------------------------------------------------------- what-if
  let leafInputs = {};
  let leafKey = "";

  function buildLeaves() {
    const s = current;
    leafInputs = {};
    leafKey = (s.leaves || []).map((leaf) => leaf.node).join(",");
    const off = model.get("whatif_off") || (s.whatif ? "" : s.whatif_reason);
    const heading = make("div", "vx-panel-heading", t("what if? inputs and parameters"));
    const reset = button(t("reset"), "reset", t("Put every input and parameter back to the value the graph was built with"));
    reset.disabled = !!off;
    reset.addEventListener("click", () => model.send({ type: "reset" }));
    const rows = [heading, reset];
    if (off) {
      const note = make("div", "vx-note", off);
      note.dataset.role = "whatif-note";
      rows.push(note);
    }
    for (const leaf of s.leaves || []) {
      const name = nameOf(leaf.node);
      const row = make("div", "vx-leaf");
      const label = make("span", `vx-leaf-name vx-${s.nodes[leaf.node].role}`, name);
      label.title = name;
      const number = make("input", "vx-number");
      number.type = "number";
      number.step = "any";
      number.dataset.role = `leaf-number-${leaf.node}`;
      number.setAttribute("aria-label", t("value of {name}", { name }));
      const range = make("input", "vx-range");
      range.type = "range";
      range.dataset.role = `leaf-slider-${leaf.node}`;
      range.setAttribute("aria-label", t("slider for {name}", { name }));
      number.disabled = range.disabled = !!off;
      const send = (value) => {
        const x = Number(value);
        if (value === "" || !Number.isFinite(x)) return;
        model.send({ type: "set", node: leaf.node, value: x });
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
      row.append(label, number, range);
      rows.push(row);
      leafInputs[leaf.node] = { number, range };
    }
    leavesBox.replaceChildren(...rows);
    updateLeaves();
  }

  function updateLeaves(force = false) {
    for (const leaf of current.leaves || []) {
      const inputs = leafInputs[leaf.node];
      if (!inputs) continue;
      inputs.range.min = String(leaf.min);
      inputs.range.max = String(leaf.max);
      inputs.range.step = String(leaf.step);
      // A refused value is put back, even in the field being typed in.
      if (force || document.activeElement !== inputs.range) inputs.range.value = String(leaf.value);
      if (force || document.activeElement !== inputs.number) inputs.number.value = String(leaf.value);
    }
  }

  // ------------------------------------------------------------- events
  function go(to) {
    if (practiceWaiting() && to > step) return; // answer first
    step = to;
    if (practiceBox.checked) practice.result = null;
    update();
  }

  prev.addEventListener("click", () => {
    stopPlaying();
    step = Math.max(0, step - 1);
    update();
  });
  next.addEventListener("click", () => {
    stopPlaying();
    go(step + 1);
  });
  slider.addEventListener("input", () => {
    stopPlaying();
    const to = Number(slider.value);
    if (practiceBox.checked && to > step) {
      slider.value = String(step);
      return;
    }
    step = to;
    update();
  });
  play.addEventListener("click", () => {
    if (timer !== null) {
      stopPlaying();
      return;
    }
    if (step >= steps().length - 1) go(0);
    play.textContent = t("❚❚ pause");
    timer = setInterval(() => {
      if (step >= steps().length - 1 || practiceWaiting()) stopPlaying();
      else go(step + 1);
    }, PLAY_INTERVAL_MS);
  });
  flow.addEventListener("change", () => {
    mode = flow.checked ? "grad" : "role";
    update();
  });
  healthBox.addEventListener("change", update);
  practiceBox.addEventListener("change", () => {
    stopPlaying();
    practice.right = practice.asked = 0;
    practice.result = null;
    if (practiceBox.checked) step = 0;
    update();
  });
  zoomIn.addEventListener("click", () => zoomTo(zoom * 1.25));
  zoomOut.addEventListener("click", () => zoomTo(zoom / 1.25));
  fit.addEventListener("click", () => zoomTo(fitZoom()));
  actual.addEventListener("click", () => zoomTo(1));
  stage.addEventListener(
    "wheel",
    (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      zoomTo(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1));
    },
    { passive: false }
  );
  // Drag the picture to pan it.
  let drag = null;
  stage.addEventListener("pointerdown", (event) => {
    if (event.button !== 0 || event.target.closest(".vx-clickable")) return;
    drag = { x: event.clientX, y: event.clientY, left: stage.scrollLeft, top: stage.scrollTop };
    stage.classList.add("vx-dragging");
  });
  const onPointerMove = (event) => {
    if (!drag) return;
    stage.scrollLeft = drag.left - (event.clientX - drag.x);
    stage.scrollTop = drag.top - (event.clientY - drag.y);
  };
  const onPointerUp = () => {
    drag = null;
    stage.classList.remove("vx-dragging");
  };
  window.addEventListener("pointermove", onPointerMove);
  window.addEventListener("pointerup", onPointerUp);
  back.addEventListener("click", () => model.send({ type: "close" }));
  root.addEventListener("keydown", (event) => {
    event.stopPropagation(); // JupyterLab's shortcuts stay out of the explorer
    const typing = event.target.closest && event.target.closest("input, textarea, select");
    if (typing) return; // a slider or a field moves itself
    if (event.key === "ArrowRight") {
      event.preventDefault();
      stopPlaying();
      go(step + 1);
    } else if (event.key === "ArrowLeft") {
      event.preventDefault();
      stopPlaying();
      step = Math.max(0, step - 1);
      update();
    }
  });
  const layout = () => root.classList.toggle("vx-narrow", root.clientWidth < NARROW);
  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(layout) : null;
  if (observer) observer.observe(root);

  const onState = () => {
    base = model.get("state") || {};
    current = base;
    buildGraph();
  };
  const onMessage = (message) => {
    if (!message || message.type !== "patch") return;
    const started = performance.now();
    const before = leafKey;
    current = patched(base, message.patch);
    if ((current.leaves || []).map((leaf) => leaf.node).join(",") !== before) buildLeaves();
    update();
    if (current.error) updateLeaves(true);
    root.dataset.patchMs = (performance.now() - started).toFixed(1); // read by the benchmark
  };
  const onModel = () => buildModel();
  model.on("change:state", onState);
  model.on("change:model_state", onModel);
  model.on("msg:custom", onMessage);
  buildModel();
  onState();
  layout();
  model.send({ type: "hello" }); // a view opened later catches up with the changes so far
  return () => {
    stopPlaying();
    if (observer) observer.disconnect();
    window.removeEventListener("pointermove", onPointerMove);
    window.removeEventListener("pointerup", onPointerUp);
    model.off("change:state", onState);
    model.off("change:model_state", onModel);
    model.off("msg:custom", onMessage);
  };
}

export default { render };
