// Waits the cross-engine suites share.

/** Until the article body's render is in place (the sanitiser, styles and
 * Markdown module load on first use, so it comes after the title). */
export function bodyRendered(page, { timeout = 15000 } = {}) {
  return page.waitFor(() => {
    // The body, and the banner text when there is one (each is a body).
    const body = document.querySelector('article .article-body');
    const all = document.querySelectorAll('article [data-sinmun-render]');
    return !!body?.dataset.sinmunRendered
      && [...all].every((b) => b.dataset.sinmunRendered === b.dataset.sinmunRender);
  }, null, { timeout, what: 'the article body' });
}

/** In the page: has every image on screen loaded or failed? */
export const imagesOnScreenDone = () => [...document.images]
  .filter((i) => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight)
  .every((i) => i.complete);

/** Until every image on screen has loaded or failed (screenshots without blank boxes). */
export function imagesLoaded(page) {
  return page.waitFor(imagesOnScreenDone, null, { timeout: 10000, what: 'the images on screen' });
}
