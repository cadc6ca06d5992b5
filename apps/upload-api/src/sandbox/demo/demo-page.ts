import type { ProviderCatalog } from '@app/registry';
import type { ProviderDefinition } from '@app/uploads';

/** Where index.html takes what the providers bring, so that the page's own files name none. */
export const PROVIDERS_MARK = "<!-- PROVIDERS: each provider's scripts and the service's kinds, written here by demo-page.ts -->";

/**
 * The page with the service's kinds (for the picker: id and product name) and every provider's scripts,
 * in the providers' order. Deferred scripts and modules run in document order, after the page's own
 * module, so an uploader script finds its SDK's global and `window.UploadDemo`.
 */
export function renderPage(template: string, providers: readonly ProviderDefinition[], catalog: ProviderCatalog): string {
  if (!template.includes(PROVIDERS_MARK)) throw new Error('the demo page has lost the mark where the providers go');
  const kinds = catalog.kinds.map((kind) => ({ id: kind.id, product: kind.product.name }));
  // A script element's text ends at the first "</": written as \u003c, "<" stays data.
  const data = `<script type="application/json" id="catalog">${JSON.stringify({ kinds }).replaceAll('<', '\\u003c')}</script>`;
  const scripts = providers.flatMap((provider) => provider.demo?.scripts ?? []).map(scriptTag);
  return template.replace(PROVIDERS_MARK, () => [data, ...scripts].join('\n    '));
}

/**
 * An uploader script is a module (`.mjs`), so that two providers' top-level names cannot collide; the
 * SDKs' UMD builds are classic scripts, since they set their globals on `this`.
 */
function scriptTag(name: string): string {
  return name.endsWith('.mjs') ? `<script type="module" src="/demo/${name}"></script>` : `<script src="/demo/${name}" defer></script>`;
}
