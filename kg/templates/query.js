// The query page of `kg serve`: YASGUI against this server's /query, nothing from the network.
// - every new tab starts with the project's prefixes declared; typing an undeclared one of them adds its
//   declaration (YASQE's prefix completer reads this server's /prefixes.json instead of prefix.cc);
// - the saved questions (ontology/queries) open in tabs of their own, with a field for each parameter: /prepare
//   puts the values in the question's text (written by the server as `kg query --param` writes them);
// - before each query, /check names undeclared prefixes and ontology terms that do not exist (ekg:Atack),
//   which Oxigraph would answer with a parser's list of characters or an empty table.
// Class and property completion from LOV (a remote service) is replaced by the ontology's own names (ekg:…,
// completed as typed); text from the store reaches the page through YASR, which escapes it.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const endpoint = new URL("query", window.location.href).href;
  const $ = (id) => document.getElementById(id);

  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.Yasqe.registerAutocompleter({
    name: "ontology",
    bulk: true,
    autoShow: true,
    get: () => data.terms,
    // after "ekg:" and a letter, outside variables
    isValidCompletionPosition: (yasqe) => /^[A-Za-z][\w.-]*:[\w-]+$/.test(yasqe.getCompleteToken().string),
  });
  const yasgui = new Yasgui($("yasgui"), {
    persistenceId: null,              // no tabs or answers kept in the browser: the saved questions are files
    copyEndpointOnNewTab: true,
    requestConfig: {endpoint: endpoint, method: "POST"},
    endpointCatalogueOptions: {getData: () => [{endpoint: endpoint}], keys: []},
    yasqe: {value: data.query, prefixCcApi: new URL("prefixes.json", window.location.href).href,
            persistenceId: null, collapsePrefixesOnLoad: true, editorHeight: "320px"},
    yasr: {prefixes: data.prefixes, persistenceId: null, defaultPlugin: "table"},
  });

  function note(kind, text) {
    const p = document.createElement("p");
    p.className = kind;
    p.textContent = text;
    $("notes").append(p);
  }

  async function check(query) {
    $("notes").replaceChildren();
    let found;
    try {
      const r = await fetch("check", {method: "POST", headers: {"Content-Type": "text/plain; charset=utf-8"}, body: query});
      if (!r.ok) return;
      found = await r.json();
    } catch (e) {
      return;
    }
    for (const text of found.errors) note("error", text);
    for (const text of found.warnings) note("warning", "Warning: " + text);
  }

  yasgui.on("query", (instance, tab) => check(tab.getQuery()));

  for (const [i, q] of data.questions.entries()) {
    const o = document.createElement("option");
    o.value = String(i);
    const params = q.params.length ? " (" + q.params.map((p) => p.name).join(", ") + ")" : "";
    o.textContent = q.name + ": " + q.question + params;
    $("questions").append(o);
  }
  function showParams(q) {
    $("params").hidden = !q || q.params.length === 0;
    $("params").dataset.question = q ? q.name : "";
    $("params-of").textContent = q ? q.name + ":" : "";
    $("params-fields").replaceChildren();
    for (const p of q ? q.params : []) {
      const label = document.createElement("label");
      label.textContent = p.name;
      label.title = p.description;
      const input = document.createElement("input");
      input.name = p.name;
      input.type = "text";                  // a date as YYYY-MM-DD, not in the browser's locale
      input.placeholder = p.kind === "date" ? "YYYY-MM-DD" : p.description;
      label.append(input);
      $("params-fields").append(label);
    }
  }

  async function ask() {
    const name = $("params").dataset.question;
    const params = {};
    for (const input of $("params-fields").querySelectorAll("input")) params[input.name] = input.value;
    $("notes").replaceChildren();
    const r = await fetch("prepare", {method: "POST", headers: {"Content-Type": "application/json"},
                                      body: JSON.stringify({name: name, params: params})});
    if (!r.ok) {
      note("error", (await r.text()).trim());
      return;
    }
    const tab = yasgui.getTab();
    tab.setQuery((await r.json()).query);
    tab.query().catch(() => {});      // an error is shown by YASR
  }

  $("questions").addEventListener("change", (e) => {
    if (e.target.value === "") return;
    const q = data.questions[Number(e.target.value)];
    const defaults = Yasgui.Tab.getDefaults();
    yasgui.addTab(true, {...defaults, name: q.name, yasqe: {...defaults.yasqe, value: q.query},
                         requestConfig: {...defaults.requestConfig, endpoint: endpoint, method: "POST"}});
    showParams(q);
    e.target.value = "";
  });
  // the fields are those of the question in the selected tab
  yasgui.on("tabSelect", (instance, id) => {
    const tab = yasgui.getTab(id);
    showParams(tab ? data.questions.find((q) => q.name === tab.getName()) : null);
  });
  $("params-ask").addEventListener("click", ask);
  $("endpoint").textContent = endpoint;
  window.kgQuery = {yasgui: yasgui, check: check};
})();
