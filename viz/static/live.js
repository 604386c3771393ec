// The live explorer page: what-if runs the real engine in this page, on Pyodide. A model
// like the saved page's (standaloneModel, from explorer.js) whose what-if messages go to
// viz.explorer.session.LiveSession in Python; its answers come back as the widget's patch messages.
// The page shows the precomputed state at once; Python loads behind it.
async function startPython(status) {
  const { loadPyodide } = await import(new URL("./pyodide/pyodide.mjs", location.href).href);
  const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", location.href).href });
  const archive = await (await fetch("scalargrad.zip")).arrayBuffer();
  pyodide.unpackArchive(archive, "zip");
  const graph = await (await fetch("graph.json")).text();
  const LiveSession = pyodide.pyimport("viz.explorer.session").LiveSession;
  const session = LiveSession(graph);
  status.textContent = status.dataset.ready;
  status.dataset.state = "ready";
  return (message) => session.handle(message);
}

function liveModel(page, status) {
  const model = standaloneModel(page);
  const handlers = [];
  const on = model.on;
  model.on = (event, callback) => {
    if (event === "msg:custom") handlers.push(callback);
    else on(event, callback);
  };
  const python = startPython(status).catch((error) => {
    status.textContent = `${status.dataset.failed} ${error}`;
    status.dataset.state = "failed";
    throw error;
  });
  const precomputed = model.send;
  model.send = (message) => {
    if (!["set", "reset", "hello"].includes(message.type)) {
      precomputed(message);
      return;
    }
    python.then((handle) => {
      const reply = handle(JSON.stringify(message));
      if (reply) {
        const answer = JSON.parse(reply);
        handlers.forEach((callback) => callback(answer));
      }
    });
  };
  return model;
}
