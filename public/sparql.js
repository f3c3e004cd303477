// Starts YASGUI on the SPARQL page (src/http/html/SparqlPage.ts) with the endpoint and example queries
// that the page carries as data. Only variable names are autocompleted, because the prefix and
// property completers call prefix.cc and the LOV service on other hosts.
'use strict';

(() => {
  const container = document.getElementById('yasgui');
  const examples = JSON.parse(document.getElementById('examples').textContent);
  Yasgui.Yasqe.defaults.autocompleters = ['variables'];
  const yasgui = new Yasgui(container, {
    requestConfig: { endpoint: container.dataset.endpoint, method: 'POST' },
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: { getData: () => [] },
    persistenceId: null,
    yasqe: { value: examples[0].query },
  });
  for (const button of document.querySelectorAll('button.example')) {
    button.addEventListener('click', () => yasgui.getTab().setQuery(examples[Number(button.dataset.index)].query));
  }
})();
