// Behaviour of the traceability and gap report page: tabs, sortable tables, matrix drill-down and
// filtering. Without JavaScript every section shows and the tables keep the server's order.
'use strict';

document.documentElement.classList.add('js');

function showTab(name) {
  for (const panel of document.querySelectorAll('[data-panel]')) {
    panel.hidden = panel.dataset.panel !== name;
  }
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.classList.toggle('active', tab.dataset.tab === name);
  }
}

function cellKey(row, column) {
  const cell = row.cells[column];
  return cell === undefined ? '' : (cell.dataset.sort ?? cell.textContent.trim());
}

const collator = new Intl.Collator('en', { numeric: true });

/** Sorts a table body by one column; chain rows stay directly below their requirement row. */
function sortTable(table, column, descending) {
  const body = table.tBodies[0];
  const groups = [];
  for (const row of Array.from(body.rows)) {
    if (row.classList.contains('chain')) {
      groups[groups.length - 1].push(row);
    } else {
      groups.push([row]);
    }
  }
  groups.sort((a, b) => collator.compare(cellKey(a[0], column), cellKey(b[0], column)) * (descending ? -1 : 1));
  for (const group of groups) {
    for (const row of group) {
      body.appendChild(row);
    }
  }
}

function toggleChain(row) {
  const chain = document.getElementById(row.dataset.chain);
  if (chain !== null) {
    chain.hidden = !chain.hidden;
    row.setAttribute('aria-expanded', String(!chain.hidden));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  for (const tab of document.querySelectorAll('[data-tab]')) {
    tab.addEventListener('click', (event) => {
      event.preventDefault();
      showTab(tab.dataset.tab);
      history.replaceState(null, '', `#${tab.dataset.tab}`);
    });
  }
  const initial = location.hash.slice(1);
  showTab(document.querySelector(`[data-panel="${initial}"]`) === null ? 'gaps' : initial);

  for (const table of document.querySelectorAll('table.sortable')) {
    Array.from(table.tHead.rows[0].cells).forEach((header, column) => {
      header.addEventListener('click', () => {
        const descending = header.getAttribute('aria-sort') === 'ascending';
        for (const other of table.tHead.rows[0].cells) {
          other.removeAttribute('aria-sort');
        }
        header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        sortTable(table, column, descending);
      });
    });
  }

  for (const row of document.querySelectorAll('tr.requirement')) {
    row.addEventListener('click', (event) => {
      if (event.target.closest('a') === null) {
        toggleChain(row);
      }
    });
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        toggleChain(row);
      }
    });
  }

  for (const input of document.querySelectorAll('.table-filter')) {
    input.addEventListener('input', () => {
      const wanted = input.value.trim().toLowerCase();
      for (const row of document.querySelectorAll(`#${input.dataset.filter} tr.requirement`)) {
        const match = wanted === '' || row.textContent.toLowerCase().includes(wanted);
        row.hidden = !match;
        const chain = document.getElementById(row.dataset.chain);
        if (chain !== null && !match) {
          chain.hidden = true;
        }
      }
    });
  }
});
