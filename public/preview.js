// Resource preview resizing (OSLC Core 3.0 Resource Preview, "Previews"). When the page is shown in a
// frame, it sends the host page the height of its content, both as `oslc-resize:{"oslc:hintHeight":"NNNpx"}`
// and in the deprecated OSLC 2.0 form `oslc-preview-height:NNN` that older hosts such as ELM rich hovers
// read. It sends again when the content's height changes, at most MAX_MESSAGES times per page.
(function () {
  'use strict';

  if (window.parent === window) {
    return;
  }

  var MAX_MESSAGES = 20;
  var sent = 0;
  var lastHeight = -1;

  function contentHeight() {
    // The root element is as tall as the content, not the frame, so a host that resizes the frame
    // does not feed back into the next measurement.
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }

  function sendHeight() {
    var height = contentHeight();
    if (height === lastHeight || height <= 0 || sent >= MAX_MESSAGES) {
      return;
    }
    lastHeight = height;
    sent += 1;
    // The message contains only a height, so any host may receive it, and the host's origin is unknown here.
    window.parent.postMessage('oslc-resize:' + JSON.stringify({ 'oslc:hintHeight': height + 'px' }), '*');
    window.parent.postMessage('oslc-preview-height:' + height, '*');
  }

  sendHeight();
  window.addEventListener('load', sendHeight);
  if (typeof window.ResizeObserver === 'function') {
    new window.ResizeObserver(sendHeight).observe(document.documentElement);
  }
})();
