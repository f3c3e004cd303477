// BOM trees of part pages, one per BOM view (EBOM, MBOM). The server renders the first level
// (src/http/html/BomSection.ts); each row whose child part has lines in the tree's view has a disclosure
// button (aria-expanded). The first expansion loads the child's direct lines of the same view from its
// {part}/bom?bomView= JSON document and inserts them as rows below; collapsing
// hides every row below that level, and expanding again restores the levels that were open. Rows are
// built with DOM methods and textContent, so data is never parsed as HTML.
'use strict';

(() => {
  /** Maximum wait for one level of the BOM, in milliseconds. */
  const LOAD_TIMEOUT_MS = 30000;
  let rowCounter = 0;

  for (const table of document.querySelectorAll('table.bom-tree')) {
    const status = statusOf(table);
    for (const button of table.querySelectorAll('button.bom-toggle')) {
      enable(button, table, status);
    }
  }

  function enable(button, table, status) {
    button.hidden = false;
    button.addEventListener('click', () => {
      toggle(button, table, status).catch((error) => announce(status, `Could not expand or collapse the BOM line: ${error.message}`));
    });
  }

  async function toggle(button, table, status) {
    const row = button.closest('tr');
    if (button.getAttribute('aria-busy') === 'true') {
      return;
    }
    if (button.getAttribute('aria-expanded') === 'true') {
      collapse(row, button);
      announce(status, `Collapsed ${partNumberOf(row)}.`);
      return;
    }
    if (row.dataset.loaded !== 'true') {
      button.setAttribute('aria-busy', 'true');
      try {
        await load(row, button, table);
      } catch (error) {
        showMessage(row, `Could not load the BOM lines of ${partNumberOf(row)}: ${error.message}`);
        announce(status, `Could not load the BOM lines of ${partNumberOf(row)}.`);
        return;
      } finally {
        button.removeAttribute('aria-busy');
      }
    }
    button.setAttribute('aria-expanded', 'true');
    showChildren(row);
    const count = childRows(row).filter((child) => !child.classList.contains('bom-message')).length;
    announce(status, `Expanded ${partNumberOf(row)}: ${count} ${table.dataset.bomView ?? 'BOM'} ${count === 1 ? 'line' : 'lines'}.`);
  }

  /** Fetches the child's direct lines and inserts them, hidden, below the row. */
  async function load(row, button, table) {
    const response = await fetch(button.dataset.bom, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(LOAD_TIMEOUT_MS) });
    if (!response.ok) {
      throw new Error(`the server returned status ${response.status}`);
    }
    const bom = await response.json();
    removeMessage(row);
    const level = Number(row.dataset.level) + 1;
    const ancestors = [...pathOf(row, table), row.dataset.part];
    const rows = bom.lines.map((line) => lineRow(line, row, level, ancestors, table));
    row.after(...rows);
    if (rows.length === 0) {
      showMessage(row, `This assembly has no ${table.dataset.bomView ?? 'BOM'} lines.`);
    }
    button.setAttribute('aria-controls', rows.map((child) => child.id).join(' '));
    row.dataset.loaded = 'true';
  }

  function lineRow(line, parent, level, ancestors, table) {
    const row = document.createElement('tr');
    row.id = `bom-row-${parent.id}-${++rowCounter}`;
    row.hidden = true;
    row.dataset.level = String(level);
    row.dataset.parent = parent.id;
    row.dataset.part = line.child.part;
    row.style.setProperty('--level', String(level));

    const partNumber = line.child.partNumber ?? line.child.part;
    const header = document.createElement('th');
    header.scope = 'row';
    header.className = 'bom-part';
    const repeatsAncestor = ancestors.includes(line.child.part);
    if (line.child.hasLines && !repeatsAncestor) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'bom-toggle';
      button.setAttribute('aria-expanded', 'false');
      button.dataset.bom = line.child.bom;
      const label = document.createElement('span');
      label.className = 'visually-hidden';
      label.textContent = `${table.dataset.bomView ?? 'BOM'} components of ${partNumber}`;
      button.append(label);
      header.append(button);
      enable(button, table, statusOf(table));
    } else {
      const spacer = document.createElement('span');
      spacer.className = 'bom-leaf';
      spacer.setAttribute('aria-hidden', 'true');
      header.append(spacer);
    }
    header.append(link(line.child.part, partNumber));
    if (repeatsAncestor) {
      const note = document.createElement('span');
      note.className = 'bom-cycle';
      note.textContent = '(repeats an assembly above)';
      header.append(note);
    }

    const quantity = line.quantity === null ? '' : `${line.quantity}${line.unitSymbol === null ? '' : ` ${line.unitSymbol}`}`;
    row.append(
      header,
      cell(line.child.revision ?? ''),
      cell(line.child.title ?? ''),
      cell(quantity, 'number'),
      cell(line.findNumber ?? ''),
      cell(line.bomViewLabel ?? ''),
      cell(link(line.line, line.identifier ?? line.line), 'nowrap'),
    );
    return row;
  }

  function cell(content, className) {
    const element = document.createElement('td');
    if (className !== undefined) {
      element.className = className;
    }
    element.append(content);
    return element;
  }

  function link(href, text) {
    const anchor = document.createElement('a');
    anchor.href = href;
    anchor.textContent = text;
    return anchor;
  }

  /** Hides every row below `row` that is deeper than it, and marks the button collapsed. */
  function collapse(row, button) {
    button.setAttribute('aria-expanded', 'false');
    const level = Number(row.dataset.level);
    for (let next = row.nextElementSibling; next !== null && Number(next.dataset.level) > level; next = next.nextElementSibling) {
      next.hidden = true;
    }
  }

  /** Shows the row's direct children, and again the children of those that were left expanded. */
  function showChildren(row) {
    for (const child of childRows(row)) {
      child.hidden = false;
      const toggle = child.querySelector('button.bom-toggle');
      if (toggle !== null && toggle.getAttribute('aria-expanded') === 'true') {
        showChildren(child);
      }
    }
  }

  function childRows(row) {
    return [...row.parentElement.querySelectorAll(`tr[data-parent="${CSS.escape(row.id)}"]`)];
  }

  /** Part IRIs from the page's assembly down to the row's parent, to recognize a BOM that repeats itself. */
  function pathOf(row, table) {
    const path = [];
    for (let current = row; current?.dataset.parent !== undefined; current = document.getElementById(current.dataset.parent)) {
      path.unshift(document.getElementById(current.dataset.parent)?.dataset.part);
    }
    return [table.dataset.part, ...path];
  }

  function showMessage(row, text) {
    removeMessage(row);
    const message = document.createElement('tr');
    message.className = 'bom-message';
    message.dataset.level = String(Number(row.dataset.level) + 1);
    message.dataset.messageFor = row.id;
    message.dataset.parent = row.id;
    const content = cell(text);
    content.colSpan = row.children.length;
    message.append(content);
    row.after(message);
  }

  function removeMessage(row) {
    row.parentElement.querySelector(`tr[data-message-for="${CSS.escape(row.id)}"]`)?.remove();
  }

  function partNumberOf(row) {
    return row.querySelector('th a')?.textContent ?? 'the assembly';
  }

  /** Returns the live region of the BOM section, which its trees share. */
  function statusOf(table) {
    return table.closest('section.bom')?.querySelector('.bom-status') ?? null;
  }

  function announce(status, text) {
    if (status !== null) {
      status.textContent = text;
    }
  }
})();
