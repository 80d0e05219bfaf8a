// Live cells (markup from hooks/live_cells.py): edit the code, press Run (or Ctrl/Cmd+Enter),
// and the cell runs in Pyodide with the project's own engine.py, printing its output and
// drawing its graph with viz.js. Nothing is fetched until the first Run; Pyodide, viz.js
// and the engine's source then come from this site, once. A page's cells share one
// interpreter and run in page order, like a notebook's.
(function () {
  "use strict";

  var cells = Array.prototype.slice.call(document.querySelectorAll("[data-live-cell]"));
  if (!cells.length || !document.currentScript) return;
  var assets = new URL(".", document.currentScript.src); // .../assets/
  var lang = document.documentElement.lang || "en";
  // Published by hooks/snippets.py from src/autograd_illustrated (the files the build runs).
  var SOURCES = ["__init__.py", "engine.py", "graphs/annotated.py", "graphs/engine.py", "live.py"];
  var PACKAGE = "/home/pyodide/live/autograd_illustrated";

  var runtime = null; // a promise of { live, namespace }, made on the first Run
  var viz = null; // a promise of viz.js's instance, made on the first drawn graph
  var queue = Promise.resolve(); // runs happen one at a time, in the order asked

  function url(path) {
    return new URL(path, assets).href;
  }

  function loadRuntime() {
    if (!runtime) {
      runtime = (async function () {
        var pyodide = await import(url("vendor/pyodide/pyodide.mjs"));
        var py = await pyodide.loadPyodide({ indexURL: url("vendor/pyodide/") });
        var texts = await Promise.all(SOURCES.map(function (name) {
          return fetch(url("live/autograd_illustrated/" + name)).then(function (response) {
            if (!response.ok) throw new Error(name + ": HTTP " + response.status);
            return response.text();
          });
        }));
        py.FS.mkdirTree(PACKAGE + "/graphs");
        SOURCES.forEach(function (name, k) { py.FS.writeFile(PACKAGE + "/" + name, texts[k]); });
        py.runPython(
          "import sys\nsys.path.insert(0, '/home/pyodide/live')\n" +
          "import autograd_illustrated.live\n" +
          "autograd_illustrated.live.install_browser_graphs('" + PACKAGE + "')\n"
        );
        var namespace = py.runPython("{'__name__': '__main__'}");
        return { live: py.pyimport("autograd_illustrated.live"), namespace: namespace };
      })();
      // A failed load may be the network's fault: the next Run tries again.
      runtime.catch(function () { runtime = null; });
    }
    return runtime;
  }

  function loadViz() {
    if (!viz) {
      viz = import(url("vendor/viz/viz.js")).then(function (module) { return module.instance(); });
      viz.catch(function () { viz = null; });
    }
    return viz;
  }

  function codeText(editor) {
    var copy = editor.cloneNode(true);
    copy.querySelectorAll("br").forEach(function (br) { br.replaceWith("\n"); });
    return copy.textContent.replace(/\u00a0/g, " ");
  }

  var states = cells.map(function (cell, index) {
    var state = {
      cell: cell,
      ran: false,
      code: cell.querySelector("[data-live-code]"),
      output: cell.querySelector("[data-live-output]"),
      graph: cell.querySelector("[data-live-graph]"),
      status: cell.querySelector(".live-status"),
    };
    state.original = {
      code: state.code.innerHTML,
      output: state.output.innerHTML,
      graph: state.graph ? state.graph.innerHTML : null,
    };
    cell.querySelector("[data-live-run]").addEventListener("click", function () { run(index); });
    cell.querySelector("[data-live-reset]").addEventListener("click", function () { reset(state); });
    cell.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run(index);
      }
    });
    return state;
  });

  function reset(state) {
    state.code.innerHTML = state.original.code;
    state.output.innerHTML = state.original.output;
    if (state.graph) state.graph.innerHTML = state.original.graph;
    state.cell.removeAttribute("data-live-state");
    state.status.textContent = "";
  }

  async function drawGraphs(state, drawn) {
    var mine = drawn.filter(function (item) { return item[0].endsWith("-" + lang); });
    if (!mine.length && !state.graph) return;
    if (!state.graph) {
      state.graph = document.createElement("div");
      state.graph.className = "live-graph";
      state.graph.setAttribute("data-live-graph", "");
      state.output.closest(".highlight").after(state.graph);
    }
    var svgs = [];
    if (mine.length) {
      var instance = await loadViz();
      svgs = mine.map(function (item) {
        var svg = instance.renderSVGElement(item[1]);
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", state.cell.dataset.textGraph);
        return svg;
      });
    }
    state.graph.replaceChildren.apply(state.graph, svgs);
  }

  async function runOne(state) {
    var cell = state.cell;
    cell.setAttribute("data-live-state", "running");
    state.status.textContent = cell.dataset.textRunning;
    var result;
    try {
      var rt = await loadRuntime();
      var proxy = rt.live.run_cell(codeText(state.code), rt.namespace);
      result = proxy.toJs();
      proxy.destroy();
    } catch (error) {
      // Pyodide did not load: say so, and keep the build's output where it was.
      cell.setAttribute("data-live-state", "error");
      state.status.textContent = cell.dataset.textFailed;
      return false;
    }
    state.ran = true;
    var printed = result[0], failed = result[1];
    state.output.textContent = printed;
    try {
      await drawGraphs(state, result[2]);
    } catch (error) {
      failed = true;
      state.output.textContent = printed + String(error) + "\n";
    }
    cell.setAttribute("data-live-state", failed ? "error" : "done");
    state.status.textContent = failed ? "" : cell.dataset.textDone;
    return true;
  }

  async function runUpTo(index) {
    // Like a notebook run from the top: earlier cells that never ran go first.
    for (var k = 0; k <= index; k++) {
      if (k === index || !states[k].ran) {
        if (!(await runOne(states[k]))) {
          if (k !== index) runOne(states[index]); // fails the same way, and says so
          return;
        }
      }
    }
  }

  function run(index) {
    queue = queue.then(function () { return runUpTo(index); });
    return queue;
  }
})();
