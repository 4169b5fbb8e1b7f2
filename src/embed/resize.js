// embed-resize.js: optional, for pages that embed a sinmun site with an
// iframe (`<iframe src="https://news.example/embed/?limit=5">`). The frame
// posts its content height; this sets the height of the iframe it came from,
// so the widget shows whole, with no scrollbar. Self-host a copy where the
// page's policy forbids scripts from the site (it needs nothing from it).
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'sinmun:height' || !Number.isFinite(data.height)) return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.min(Math.max(Math.ceil(data.height), 0), 100000)}px`;
    }
  }
});
// Frames that posted their height before this script ran (it may load late,
// or async) are asked to post it again; a frame that is not sinmun's ignores it.
for (const frame of document.querySelectorAll('iframe')) {
  frame.contentWindow?.postMessage({ type: 'sinmun:measure' }, '*');
}
