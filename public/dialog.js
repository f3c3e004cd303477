// Delegated selection and creation dialogs (OSLC Core 3.0 Delegated Dialogs). The server renders the
// page and its settings as a JSON block. This script fetches results and submits forms. It returns
// the outcome to the client with the postMessage or the windowName protocol.
'use strict';

(() => {
  const config = JSON.parse(document.getElementById('dialog-config').textContent);
  const RESPONSE_PREFIX = 'oslc-response:';
  const WINDOW_NAME_FRAGMENT = '#oslc-core-windowName-1.0';

  // The fragment chooses the protocol, and postMessage is the default. With windowName the client
  // puts its return URL in window.name before the dialog loads, so it is read first of all.
  const protocol = location.hash === WINDOW_NAME_FRAGMENT ? 'windowName' : 'postMessage';
  const returnUrl = protocol === 'windowName' ? window.name : undefined;

  const byId = (id) => document.getElementById(id);

  function originOf(url) {
    try {
      return new URL(url).origin;
    } catch {
      return undefined;
    }
  }

  function isAllowedOrigin(origin) {
    return config.allowedOrigins.includes(origin);
  }

  function showProtocolError(message) {
    const banner = byId('protocol-error');
    banner.textContent = message;
    banner.hidden = false;
  }

  /** Returns the origin of the page that embedded or opened the dialog, when the browser exposes it. */
  function clientOrigin() {
    if (!window.opener && window.parent !== window && location.ancestorOrigins && location.ancestorOrigins.length > 0) {
      return location.ancestorOrigins[0];
    }
    return document.referrer === '' ? undefined : originOf(document.referrer);
  }

  /** The window that receives postMessage results: the opener, else the embedding page. */
  const target = window.opener || (window.parent !== window ? window.parent : undefined);

  /**
   * Finds out at load whether a result can reach the client, so the user knows before choosing or
   * creating anything. `blocked` means no result may be sent at all (an origin that is not allowed);
   * `standalone` means the page was opened on its own, where it still works but has nobody to answer.
   */
  function deliveryProblem() {
    if (protocol === 'windowName') {
      const origin = originOf(returnUrl);
      if (returnUrl === '') {
        return { kind: 'blocked', message: 'This dialog was opened for the windowName protocol without a return URL in window.name, so it cannot return a choice. Open it from an OSLC client.' };
      }
      if (origin === undefined || !isAllowedOrigin(origin)) {
        return { kind: 'blocked', message: `The return URL "${returnUrl}" is not on an origin allowed to receive results; an administrator can allow its origin with --frame-origin.` };
      }
      return undefined;
    }
    if (target === undefined) {
      return { kind: 'standalone', message: 'This dialog was opened on its own, so it has no OSLC client to return its result to.' };
    }
    const origin = clientOrigin();
    if (origin !== undefined && !isAllowedOrigin(origin)) {
      return { kind: 'blocked', message: `The page at ${origin} is not allowed to receive results from this dialog; an administrator can allow it with --frame-origin.` };
    }
    return undefined;
  }
  const delivery = deliveryProblem();

  /**
   * Returns the results to the client and whether they were sent. postMessage goes to the opener when
   * there is one, otherwise to the parent. It goes only to an allowed origin: the client's own when the
   * browser exposes it. Otherwise it goes to each allowed origin in turn, and the browser delivers it only where it matches.
   */
  function respond(results) {
    if (delivery !== undefined) {
      showProtocolError(delivery.message);
      return false;
    }
    const payload = JSON.stringify({
      'oslc:results': results.map((result) => ({ 'oslc:label': result.label, 'rdf:resource': result.resource })),
    });

    if (protocol === 'windowName') {
      window.name = payload;
      location.href = returnUrl;
      return true;
    }
    const origin = clientOrigin();
    for (const targetOrigin of origin === undefined ? config.allowedOrigins : [origin]) {
      target.postMessage(RESPONSE_PREFIX + payload, targetOrigin);
    }
    return true;
  }

  /** Reads the JSON body of a response, or undefined when it has none. */
  async function jsonBody(response) {
    try {
      return await response.json();
    } catch {
      return undefined;
    }
  }

  // ---- Selection dialog ----

  function selectionDialog() {
    const state = { type: config.types[0], page: 1, selected: new Map(), timer: undefined, request: 0 };
    const form = byId('search-form');
    const search = byId('search');
    const filters = byId('filters');
    const status = byId('status');
    const table = byId('results');
    const okButton = byId('ok');

    function renderPlaceholder() {
      search.placeholder = `${state.type.example} or title words`;
    }

    function renderFilters() {
      filters.replaceChildren();
      for (const filter of state.type.filters) {
        const wrapper = document.createElement('div');
        wrapper.className = 'control';
        const label = document.createElement('label');
        label.htmlFor = `filter-${filter.name}`;
        label.textContent = filter.title;
        const select = document.createElement('select');
        select.id = `filter-${filter.name}`;
        select.dataset.filter = filter.name;
        select.append(new Option('Any', ''));
        for (const option of filter.options) {
          select.append(new Option(option.label, option.value));
        }
        select.addEventListener('change', () => load(1));
        wrapper.append(label, select);
        filters.append(wrapper);
      }
    }

    function renderHeader() {
      const row = table.tHead.rows[0];
      row.replaceChildren();
      const titles = [config.multiple ? 'Select' : 'Choose', 'Identifier', 'Title', ...state.type.columns.map((column) => column.title)];
      titles.forEach((title, index) => {
        const cell = document.createElement('th');
        cell.scope = 'col';
        cell.textContent = title;
        if (index === 0) cell.className = 'visually-hidden-text';
        row.append(cell);
      });
    }

    function updateSelectionCount() {
      const count = state.selected.size;
      byId('selection-count').textContent = count === 0 ? '' : `${count} selected`;
      okButton.disabled = count === 0 || (delivery !== undefined && delivery.kind === 'blocked');
    }

    function toggle(item, checked) {
      if (!config.multiple) {
        state.selected.clear();
      }
      if (checked) {
        state.selected.set(item.resource, item);
      } else {
        state.selected.delete(item.resource);
      }
      updateSelectionCount();
    }

    function renderRows(page) {
      const body = table.tBodies[0];
      body.replaceChildren();
      for (const item of page.items) {
        const row = document.createElement('tr');
        const input = document.createElement('input');
        input.type = config.multiple ? 'checkbox' : 'radio';
        input.name = 'selection';
        input.value = item.resource;
        input.checked = state.selected.has(item.resource);
        input.setAttribute('aria-label', `Select ${item.label}`);
        input.addEventListener('change', () => {
          if (!config.multiple) {
            for (const other of body.querySelectorAll('tr')) other.classList.remove('selected');
          }
          toggle(item, input.checked);
          row.classList.toggle('selected', input.checked);
        });
        row.classList.toggle('selected', input.checked);

        const choose = document.createElement('td');
        choose.className = 'choose';
        choose.append(input);
        const cells = [item.identifier, item.title, ...state.type.columns.map((column) => item.fields.find((field) => field.name === column.name)?.value ?? '')];
        row.append(choose, ...cells.map((text, index) => {
          const cell = document.createElement('td');
          cell.textContent = text;
          if (index === 0) cell.className = 'identifier';
          return cell;
        }));

        // A click anywhere on the row toggles it, and a double click chooses it at once.
        row.addEventListener('click', (event) => {
          if (event.target !== input) input.click();
        });
        row.addEventListener('dblclick', () => {
          if (!input.checked) input.click();
          okButton.click();
        });
        body.append(row);
      }
    }

    async function load(page) {
      const request = ++state.request;
      const parameters = new URLSearchParams();
      if (search.value.trim() !== '') parameters.set('q', search.value.trim());
      for (const select of filters.querySelectorAll('select')) {
        if (select.value !== '') parameters.append(`f.${select.dataset.filter}`, select.value);
      }
      parameters.set('page', String(page));
      status.textContent = 'Searching…';

      let response;
      try {
        response = await fetch(`${state.type.resultsUrl}?${parameters}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      } catch {
        status.textContent = 'The server could not be reached; check the connection and search again.';
        return;
      }
      if (request !== state.request) return;
      const body = await jsonBody(response);
      if (!response.ok) {
        status.textContent = (body && (body.message || body['oslc:message'])) || `The search failed with status ${response.status}.`;
        return;
      }

      state.page = page;
      renderRows(body);
      const first = (body.page - 1) * body.pageSize + 1;
      const last = first + body.items.length - 1;
      const searched = search.value.trim();
      status.textContent = body.total === 0
        ? (searched === '' ? `No ${state.type.title} resources match.` : `No ${state.type.title} resources match “${searched}”.`)
        : `Showing ${first}–${last} of ${body.total}`;
      byId('page-info').textContent = body.total === 0 ? '' : `Page ${body.page} of ${Math.max(1, Math.ceil(body.total / body.pageSize))}`;
      byId('previous').disabled = body.page <= 1;
      byId('next').disabled = !body.hasNext;
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      // A search typed just before Enter is already due from the input timer; run it once.
      clearTimeout(state.timer);
      load(1);
    });
    search.addEventListener('input', () => {
      clearTimeout(state.timer);
      state.timer = setTimeout(() => load(1), 300);
    });
    byId('previous').addEventListener('click', () => load(state.page - 1));
    byId('next').addEventListener('click', () => load(state.page + 1));
    byId('cancel').addEventListener('click', () => respond([]));
    // Escape cancels, as in a native dialog; inside a creation dialog's picker this also closes the picker.
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        respond([]);
      }
    });
    okButton.addEventListener('click', () => respond([...state.selected.values()]));

    const typeChooser = byId('type');
    if (typeChooser) {
      typeChooser.addEventListener('change', () => {
        state.type = config.types.find((type) => type.segment === typeChooser.value);
        state.selected.clear();
        updateSelectionCount();
        renderPlaceholder();
        renderFilters();
        renderHeader();
        load(1);
      });
    }

    renderPlaceholder();
    renderFilters();
    renderHeader();
    load(1);
    search.focus();
  }

  // ---- Creation dialog ----

  function creationDialog() {
    const form = byId('creation-form');
    const picker = byId('picker');
    const pickerFrame = byId('picker-frame');
    let pickingFor;

    const fieldElement = (name) => form.querySelector(`[data-field="${CSS.escape(name)}"]`);

    /** Converts between the browser's local date-time inputs and xsd:dateTime in UTC. */
    function toDateTime(local) {
      const date = new Date(local);
      return Number.isNaN(date.getTime()) ? local : date.toISOString().replace('.000Z', 'Z');
    }
    function toLocalInput(dateTime) {
      const date = new Date(dateTime);
      if (Number.isNaN(date.getTime())) return '';
      const pad = (number) => String(number).padStart(2, '0');
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
    }

    function addChip(name, resource, label) {
      const field = config.fields.find((candidate) => candidate.name === name);
      const chips = byId(`chips-${name}`);
      if (!field.multiple) chips.replaceChildren();
      if ([...chips.children].some((chip) => chip.dataset.resource === resource)) return;
      clearFieldError(name);
      const chip = document.createElement('li');
      chip.className = 'chip';
      chip.dataset.resource = resource;
      const text = document.createElement('span');
      text.textContent = label || resource;
      text.title = resource;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = '×';
      remove.setAttribute('aria-label', `Remove ${label || resource}`);
      remove.addEventListener('click', () => chip.remove());
      chip.append(text, remove);
      chips.append(chip);
      clearFieldError(name);
    }

    function valuesOf(field) {
      const element = fieldElement(field.name);
      switch (field.control) {
        case 'reference':
          return [...byId(`chips-${field.name}`).children].map((chip) => chip.dataset.resource);
        case 'select':
          return field.multiple ? [...element.querySelectorAll('input:checked')].map((input) => input.value) : [byId(`field-${field.name}`).value];
        case 'checkbox':
          return [byId(`field-${field.name}`).checked ? 'true' : 'false'];
        case 'datetime':
          return byId(`field-${field.name}`).value === '' ? [] : [toDateTime(byId(`field-${field.name}`).value)];
        default: {
          const value = byId(`field-${field.name}`).value;
          return field.multiple ? value.split('\n') : [value];
        }
      }
    }

    function setValues(field, values, labels) {
      const input = byId(`field-${field.name}`);
      switch (field.control) {
        case 'reference':
          for (const value of values) addChip(field.name, value, labels[value]);
          break;
        case 'select':
          if (field.multiple) {
            for (const box of fieldElement(field.name).querySelectorAll('input')) {
              box.checked = values.includes(box.value);
              // A prefilled choice inside a collapsed group is shown by opening the group.
              const group = box.closest('details');
              if (box.checked && group) group.open = true;
            }
          } else {
            input.value = values[0];
          }
          break;
        case 'checkbox':
          input.checked = values[0] === 'true' || values[0] === '1';
          break;
        case 'datetime':
          input.value = toLocalInput(values[0]);
          break;
        default:
          input.value = field.multiple ? values.join('\n') : values[0];
      }
    }

    /** Hides the message of one field once the user changes it. */
    function clearFieldError(name) {
      const message = byId(`error-${name}`);
      if (message) {
        message.hidden = true;
        message.textContent = '';
      }
      const input = byId(`field-${name}`);
      if (input) input.removeAttribute('aria-invalid');

      // The banner only summarizes field errors when it lists no others, so it goes once they are all fixed.
      const banner = byId('form-errors');
      if (!banner.hidden && !banner.querySelector('ul') && !form.querySelector('.field-error:not([hidden])')) {
        banner.hidden = true;
      }
    }

    for (const element of form.querySelectorAll('[data-field]')) {
      const clear = () => clearFieldError(element.dataset.field);
      element.addEventListener('input', clear);
      element.addEventListener('change', clear);
    }

    function clearErrors() {
      for (const message of form.querySelectorAll('.field-error')) {
        message.hidden = true;
        message.textContent = '';
      }
      for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
      byId('form-errors').hidden = true;
    }

    function showErrors(body, status) {
      const general = [];
      let firstInvalid;
      for (const error of (body && body.errors) || []) {
        const message = error.field === undefined ? undefined : byId(`error-${error.field}`);
        if (message === null || message === undefined) {
          general.push(error.message);
          continue;
        }
        message.textContent = message.textContent === '' ? error.message : `${message.textContent} ${error.message}`;
        message.hidden = false;
        const input = byId(`field-${error.field}`);
        if (input) {
          input.setAttribute('aria-invalid', 'true');
          firstInvalid = firstInvalid || input;
        }
      }
      const banner = byId('form-errors');
      banner.replaceChildren();
      const summary = document.createElement('p');
      summary.textContent = (body && body.message) || `The server could not create the resource (status ${status}).`;
      banner.append(summary);
      if (general.length > 0) {
        const list = document.createElement('ul');
        for (const text of general) {
          const item = document.createElement('li');
          item.textContent = text;
          list.append(item);
        }
        banner.append(list);
      }
      banner.hidden = false;
      (firstInvalid || banner).focus();
    }

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors();
      const values = {};
      for (const field of config.fields) {
        const entered = valuesOf(field).map((value) => value.trim()).filter((value) => value !== '');
        if (entered.length > 0) values[field.name] = entered;
      }

      const button = byId('create');
      button.disabled = true;
      let response;
      try {
        response = await fetch(config.submitUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify({ values }),
        });
      } catch {
        button.disabled = false;
        showErrors({ message: 'The server could not be reached; check the connection and press Create again.' }, 0);
        return;
      }
      button.disabled = false;
      const body = await jsonBody(response);
      if (response.status === 201 && body) {
        if (delivery !== undefined && delivery.kind === 'standalone') {
          showCreated(body);
          return;
        }
        respond([{ label: body.label, resource: body.resource }]);
        return;
      }
      showErrors(body, response.status);
    });

    /**
     * Tells a user of a dialog opened on its own that the resource exists. The form is locked, because a
     * second press of Create would make a duplicate.
     */
    function showCreated(body) {
      const notice = byId('form-notice');
      const link = document.createElement('a');
      link.href = body.resource;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = body.label;
      notice.replaceChildren('Created ', link, '. ' + delivery.message);
      notice.hidden = false;
      for (const control of form.querySelectorAll('input, select, textarea, button')) control.disabled = true;
      notice.focus();
    }

    if (delivery !== undefined && delivery.kind === 'blocked') {
      byId('create').disabled = true;
    }

    byId('cancel').addEventListener('click', () => respond([]));

    // Reference fields: this server's selection dialog in an overlay, or a pasted link.
    for (const reference of form.querySelectorAll('.reference')) {
      const name = reference.closest('[data-field]').dataset.field;
      const pick = reference.querySelector('.pick');
      if (reference.dataset.picker === '') {
        pick.hidden = true;
      }
      pick.addEventListener('click', () => {
        pickingFor = name;
        pickerFrame.src = reference.dataset.picker;
        picker.hidden = false;
        pickerFrame.focus();
      });
      const linkInput = reference.querySelector('.link-input');
      const addLink = () => {
        const value = linkInput.value.trim();
        const error = byId(`error-${name}`);
        if (!/^https?:\/\//.test(value) || originOf(value) === undefined) {
          error.textContent = 'Paste a complete link that starts with http:// or https://.';
          error.hidden = false;
          return;
        }
        error.hidden = true;
        addChip(name, value, value);
        linkInput.value = '';
      };
      reference.querySelector('.add-link').addEventListener('click', addLink);
      linkInput.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          addLink();
        }
      });
    }

    function closePicker() {
      picker.hidden = true;
      pickerFrame.src = 'about:blank';
      if (pickingFor !== undefined) byId(`field-${pickingFor}`).focus();
      pickingFor = undefined;
    }

    // The embedded picker is this server's own selection dialog, so only its messages count.
    window.addEventListener('message', (event) => {
      if (event.origin !== location.origin || event.source !== pickerFrame.contentWindow || typeof event.data !== 'string' || !event.data.startsWith(RESPONSE_PREFIX)) {
        return;
      }
      const results = JSON.parse(event.data.slice(RESPONSE_PREFIX.length))['oslc:results'];
      for (const result of results) addChip(pickingFor, result['rdf:resource'], result['oslc:label']);
      closePicker();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !picker.hidden) closePicker();
    });

    for (const field of config.fields) {
      const values = config.prefill.values[field.name];
      if (values !== undefined && values.length > 0) setValues(field, values, config.prefill.labels);
    }
    const first = form.querySelector('input:not([type=hidden]), select, textarea');
    if (first) first.focus();
  }

  // A client that cannot receive the result would lose the user's work, so the user learns it before starting.
  if (delivery !== undefined && delivery.kind === 'blocked') {
    showProtocolError(delivery.message);
  }

  if (config.kind === 'selection') {
    selectionDialog();
  } else {
    creationDialog();
  }
})();
