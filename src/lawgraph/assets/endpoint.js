"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("form"), query = $("query"), named = $("named");
  const results = $("results"), status = $("status");
  let catalogue = [];

  function cell(term) {
    if (!term) return "";
    if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
    return term.value;
  }

  function show(data, ms) {
    results.replaceChildren();
    if ("boolean" in data) {
      results.textContent = data.boolean ? "yes" : "no";
    } else {
      const table = document.createElement("table");
      const head = table.createTHead().insertRow();
      for (const name of data.head.vars) {
        const th = document.createElement("th");
        th.textContent = name;
        head.appendChild(th);
      }
      const body = table.createTBody();
      for (const binding of data.results.bindings) {
        const row = body.insertRow();
        for (const name of data.head.vars) row.insertCell().textContent = cell(binding[name]);
      }
      results.appendChild(table);
    }
    const rows = data.results ? data.results.bindings.length : 1;
    status.textContent = rows + (rows === 1 ? " row" : " rows") + " in " + ms + " ms";
  }

  async function run(event) {
    if (event) event.preventDefault();
    status.textContent = "running…";
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" },
        body: query.value,
      });
      const ms = Math.round(performance.now() - started);
      if (!response.ok) {
        results.replaceChildren();
        status.textContent = "error " + response.status + ": " + (await response.text());
        return;
      }
      show(await response.json(), ms);
    } catch (error) {
      status.textContent = "the endpoint does not answer: " + error;
    }
  }

  form.addEventListener("submit", run);
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
  named.addEventListener("change", () => {
    const chosen = catalogue.find((q) => q.name === named.value);
    $("description").textContent = chosen ? chosen.description : "";
    if (chosen) query.value = chosen.text.split("\n").filter((l) => !l.startsWith("#")).join("\n").trim();
  });
  fetch("/queries").then((r) => r.json()).then((data) => {
    catalogue = data.queries;
    $("prefixes").textContent = Object.keys(data.prefixes).map((p) => p + ":").join(" ");
    for (const q of catalogue) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.name;
      option.title = q.description;
      named.appendChild(option);
    }
  });
})();
