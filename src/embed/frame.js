// The iframe embed's page script (embed/index.html): the query string sets
// the widget's attributes (the same names as <sinmun-feed>'s), links leave
// the frame (`target=_top`, or a new tab), and the page tells its parent how
// tall it is, so that embed-resize.js can size the iframe without a scrollbar.
const params = new URLSearchParams(location.search);
const feed = document.querySelector('sinmun-feed');
const root = document.documentElement;
for (const name of ['src', 'limit', 'category', 'open', 'theme', 'lang', 'layout']) {
  const value = params.get(name);
  if (value !== null && value !== '') feed.setAttribute(name, value);
}
// An article "opened as a link" replaces the page around the frame.
if (!['inline', 'new-tab'].includes(feed.getAttribute('open'))) feed.setAttribute('target', '_top');
const theme = feed.getAttribute('theme');
root.style.colorScheme = theme === 'dark' ? 'dark' : theme === 'auto' ? 'light dark' : 'light';
document.body.style.margin = '0';
if (params.get('background') === 'transparent') {
  feed.style.setProperty('--sinmun-background', 'transparent');
} else if (theme !== 'dark' && theme !== 'auto') {
  root.style.background = '#fbfaf7';
}

// Heights go to the parent (any origin may embed the frame; a height is no secret).
let reported = -1;
const report = () => {
  const height = Math.ceil(feed.getBoundingClientRect().height);
  if (height === reported || window.parent === window) return;
  reported = height;
  window.parent.postMessage({ type: 'sinmun:height', height, id: params.get('id') || '' }, '*');
};
new ResizeObserver(report).observe(feed);
report();
// A resize script that loads after the frame has settled asks again.
addEventListener('message', (event) => {
  if (event.source === window.parent && event.data?.type === 'sinmun:measure') {
    reported = -1;
    report();
  }
});
