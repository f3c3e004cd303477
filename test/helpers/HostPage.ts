import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A page of another tool (such as DOORS Next) on its own origin, which embeds our dialogs and
 * previews in iframes the way OSLC clients do.
 * - `/host.html?src=URL` frames URL and records every message it receives in `window.received`.
 * - `/window-name.html?src=URL` runs the windowName protocol with `/return.html` as return URL and
 *   records the result in `window.windowNameResult`.
 * - `/opener.html?src=URL` opens URL in a new window and records messages like the host page.
 */
export interface HostPage {
  origin: string;
  url(path: string, dialog: string): string;
  close(): Promise<void>;
}

const RECORD_MESSAGES = `window.received = [];
window.addEventListener('message', (event) => window.received.push({ origin: event.origin, data: event.data }));`;

const PAGES: Record<string, (src: string) => string> = {
  '/host.html': (src) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Host tool</title>
<style>body{margin:0;font-family:sans-serif;background:#ddd}h1{font-size:14px;margin:6px}iframe{width:760px;height:540px;border:1px solid #888;background:#fff}</style></head>
<body><h1>Host tool page</h1><iframe id="dialog" title="OSLC dialog" src="${src}"></iframe>
<script>${RECORD_MESSAGES}</script></body></html>`,
  '/opener.html': (src) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Opener tool</title></head>
<body><button id="open">Open dialog</button>
<script>${RECORD_MESSAGES}
document.getElementById('open').addEventListener('click', () => { window.dialog = window.open(${JSON.stringify(src)}, 'oslcDialog', 'width=780,height=560'); });</script></body></html>`,
  '/window-name.html': (src) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>windowName host</title></head>
<body>
<script>
// The frame is created with its name set to the return URL, as OSLC 2.0 consumers do.
const returnUrl = location.origin + '/return.html';
const frame = document.createElement('iframe');
frame.id = 'dialog';
frame.title = 'OSLC dialog';
frame.style.cssText = 'width:760px;height:540px';
frame.name = returnUrl;
window.windowNameResult = undefined;
frame.addEventListener('load', () => {
  try {
    if (frame.contentWindow.location.href === returnUrl) window.windowNameResult = frame.contentWindow.name;
  } catch (error) {
    // The dialog is still on its own origin.
  }
});
frame.src = ${JSON.stringify(src)};
document.body.append(frame);
</script></body></html>`,
  '/return.html': () => '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Returned</title></head><body>Returned</body></html>',
};

/** Starts the host page server on 127.0.0.1 on a free port. */
export async function startHostPage(): Promise<HostPage> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = PAGES[url.pathname];
    if (page === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(url.searchParams.get('src') ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path, dialog) => `${origin}${path}?src=${encodeURIComponent(dialog)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
