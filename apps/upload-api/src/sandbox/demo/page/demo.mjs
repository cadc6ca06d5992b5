// The demo page's own script: sign-in, the kind picker, progress, the upload's status and the webhooks.
// It names no provider: each provider's uploader script (libs/providers/src/<cloud>/demo/), loaded
// after this one, registers its kinds through window.UploadDemo (the contract below).
// docs/integration/web.md quotes `api` and `waitForFinalStatus`.

// ---------------------------------------------------------------------------------------------
// This service's API: a bearer token, JSON in and out, problems as application/problem+json.

const session = { token: '', userId: '', sandbox: null };

async function api(method, path, body, { idempotencyKey } = {}) {
  const response = await fetch(path, {
    method,
    headers: {
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      // On a create: a retry with the same key (after a network error) gets the same upload back.
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined;
  const answer = await response.json();
  if (!response.ok) {
    // Every error is a problem: `code` to switch on, `detail` to show, `errors` per field.
    const fields = (answer.errors || []).map((error) => `${error.field}: ${error.message}`).join('; ');
    throw new Error(`${answer.code}: ${answer.detail}${fields ? ` (${fields})` : ''}`);
  }
  return answer;
}

const extensionOf = (file) => (/\.([A-Za-z0-9]+)$/.exec(file.name)?.[1] ?? '').toLowerCase();
const baseNameOf = (file) => file.name.replace(/\.[^.]*$/, '') || 'upload';

// ---------------------------------------------------------------------------------------------
// The contract with the providers' uploader scripts:
//
//   window.UploadDemo.register(kindId, {
//     label: 'image (some-sdk)', // what the picker shows, under the kind's product
//     refreshes: true, // optional: it renews a credential that expires mid-upload
//     upload: async (file, { api, onProgress, afterFirstPart, log, sandbox }) => uploadId,
//   });
//
// `upload` creates the upload through `api` (the helper above: a problem is thrown as an Error with its
// code and detail), sends the file with the provider's SDK, reports `onProgress(fraction)` from 0 to 1
// and resolves to the service's uploadId; the page then follows the upload's status and shows any
// error's message. `afterFirstPart` is given only when the user asked to expire the credential: await
// it once the first part is stored, then refresh and resume. `log(line)` writes to the page's log.
// `sandbox` is what GET /v1/sandbox answers (where the emulator's stand-ins listen), null elsewhere.
// `UploadDemo.extensionOf(file)` and `UploadDemo.baseNameOf(file)` help to build request bodies.

/** The service's kinds in its catalog's order, each with its product's name: written into the page by the server. */
const CATALOG = JSON.parse(document.getElementById('catalog').textContent);

const uploaders = new Map();

function register(kind, uploader) {
  if (uploaders.has(kind)) throw new Error(`UploadDemo.register: ${kind} is registered twice`);
  if (typeof uploader?.label !== 'string' || typeof uploader.upload !== 'function') {
    throw new TypeError(`UploadDemo.register: ${kind} needs a label and an upload function`);
  }
  // An uploader for a kind the service does not have (a stale script) is not offered.
  if (!CATALOG.kinds.some((known) => known.id === kind)) console.warn(`UploadDemo.register: the service has no kind ${kind}`);
  uploaders.set(kind, uploader);
  showKinds();
}

window.UploadDemo = Object.freeze({ register, extensionOf, baseNameOf });

/** The picker: every registered kind the service has, grouped by product. */
function showKinds() {
  const picker = element('kind');
  const selected = picker.value;
  const groups = new Map();
  for (const { id, product } of CATALOG.kinds.filter((kind) => uploaders.has(kind.id))) {
    if (!groups.has(product)) groups.set(product, Object.assign(document.createElement('optgroup'), { label: product }));
    groups.get(product).append(new Option(uploaders.get(id).label, id));
  }
  picker.replaceChildren(...groups.values());
  if (selected) picker.value = selected;
  showExpiry();
}

/** Expiring the credential shows something only for a kind whose uploader refreshes it. */
function showExpiry() {
  const expire = element('expire');
  expire.disabled = !uploaders.get(element('kind').value)?.refreshes;
  if (expire.disabled) expire.checked = false;
}

// ---------------------------------------------------------------------------------------------
// After the upload: the provider tells this service (a callback or an event), and the upload's
// status moves from issued to uploaded. An app polls GET /v1/uploads/{id} or takes its webhook.

const FINAL = new Set(['uploaded', 'failed', 'rejected', 'revoked']);

async function waitForFinalStatus(uploadId, { timeoutMs = 30000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await api('GET', `/v1/uploads/${encodeURIComponent(uploadId)}`);
    show('upload-status', record.status);
    show('upload-record', JSON.stringify(record, null, 2));
    if (FINAL.has(record.status) || Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

// ---------------------------------------------------------------------------------------------
// The page.

const element = (id) => document.getElementById(id);
const show = (id, text) => (element(id).textContent = text);
const log = (line) => (element('log').textContent += `${new Date().toISOString().slice(11, 23)} ${line}\n`);

/** The sandbox's webhook sink plays the app's backend: what it received for the signed-in user. */
async function refreshWebhooks() {
  const response = await fetch('/v1/sandbox/webhooks');
  if (!response.ok) return;
  const { deliveries } = await response.json();
  const mine = deliveries.filter((delivery) => delivery.event && delivery.event.data.userId === session.userId);
  element('webhooks').replaceChildren(
    ...mine.map(({ event, verified }) => {
      const item = document.createElement('li');
      const signature = verified ? 'signature verified' : 'signature NOT verified';
      item.textContent = `${event.type} · ${event.data.uploadId} · ${event.data.status} (${signature})`;
      return item;
    }),
  );
}

async function signIn(event) {
  event.preventDefault();
  show('signed-in', '');
  try {
    const userName = element('user-name').value.trim();
    // With region profiles the token carries the region claim, as the identity provider would put it.
    const region = element('region').value || undefined;
    const minted = await api('POST', '/demo/api/token', { userName, region });
    session.token = minted.token;
    // Each region's uploads go to its own emulator: the SDKs are pointed at that one's stand-ins.
    if (minted.sandbox) session.sandbox = minted.sandbox;
    const me = await api('GET', '/v1/me');
    session.userId = me.id;
    show('signed-in', `Signed in as ${me.id}${me.region ? ` in region ${me.region}` : ''}.`);
    element('upload-fields').disabled = false;
    await refreshWebhooks();
  } catch (error) {
    show('signed-in', `Could not sign in: ${error.message}`);
  }
}

async function upload(event) {
  event.preventDefault();
  const kind = element('kind').value;
  const uploader = uploaders.get(kind);
  const file = element('file').files[0];
  if (!file || !uploader) return;
  const progress = element('progress');
  const onProgress = (fraction) => {
    progress.value = Math.round(fraction * 100);
    progress.textContent = `${progress.value} %`;
  };
  const afterFirstPart = element('expire').checked
    ? async () => {
        const { expired } = await api('POST', '/demo/api/expire-credentials');
        log(`expired ${expired} credential(s) after the first part`);
      }
    : undefined;
  show('upload-error', '');
  show('upload-id', 'none yet');
  show('upload-status', 'none yet');
  show('upload-record', '');
  onProgress(0);
  element('upload-fields').disabled = true;
  try {
    show('upload-message', `Uploading ${file.name} (${file.size} bytes)…`);
    log(`${kind}: uploading ${file.name}, ${file.size} bytes`);
    const uploadId = await uploader.upload(file, { api, onProgress, afterFirstPart, log, sandbox: session.sandbox });
    onProgress(1);
    show('upload-id', uploadId);
    show('upload-message', 'Uploaded; waiting for the provider to confirm…');
    log(`${kind}: bytes sent, upload ${uploadId}`);
    const record = await waitForFinalStatus(uploadId);
    const why = record.rejection
      ? `: ${record.rejection.reason} (allowed ${record.rejection.limit}, arrived ${record.rejection.measured})`
      : '';
    show('upload-message', `The upload is ${record.status}${why}.`);
    log(`${kind}: ${uploadId} is ${record.status}`);
    await refreshWebhooks();
  } catch (error) {
    show('upload-message', '');
    show('upload-error', `The upload failed: ${error.message || error.code || error}`);
    log(`${kind}: failed: ${error.message || error.code || error}`);
  } finally {
    element('upload-fields').disabled = false;
  }
}

// Deferred scripts and modules run in order before DOMContentLoaded: by then every provider has registered.
/** The token picker offers the region profiles (with REGIONS), and one of none, to see the 403. */
async function offerRegions() {
  const { regions } = await (await fetch('/demo/api/regions')).json();
  if (regions.length === 0) return;
  const select = element('region');
  for (const region of [...regions, 'mars']) {
    const option = document.createElement('option');
    option.value = region;
    option.textContent = region === 'mars' ? 'mars (no such region: 403)' : region;
    select.append(option);
  }
  element('region-field').hidden = false;
}

window.addEventListener('DOMContentLoaded', async () => {
  element('sign-in').addEventListener('submit', signIn);
  element('upload').addEventListener('submit', upload);
  element('kind').addEventListener('change', showExpiry);
  if (uploaders.size === 0) show('upload-error', 'No provider registered an uploader with this page.');
  const response = await fetch('/v1/sandbox');
  if (response.ok) session.sandbox = await response.json();
  await offerRegions();
  document.body.dataset.ready = 'true';
  setInterval(() => session.token && refreshWebhooks(), 2000);
});
