// The analyst sign-in: a bearer token kept for this browser tab only (sessionStorage,
// never a cookie, so no other site can spend it), sent with every request the page makes
// to its own server. Without one the page shows the public view.

const KEY = 'hotspot-token';

export function token() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch {
    return ''; // storage refused (a private window's policy): the public view
  }
}

/// Keeps (or with '' forgets) the token; throws when the browser refuses storage.
export function setToken(value) {
  if (value) sessionStorage.setItem(KEY, value);
  else sessionStorage.removeItem(KEY);
}

/// The headers that carry the token, for a request to this server.
export function authHeaders() {
  const t = token();
  return t ? { Authorization: `Bearer ${t}` } : {};
}

/// Whether a URL is this server's (the token goes nowhere else).
export function ownUrl(url) {
  return new URL(url, location.href).origin === location.origin;
}

export async function getJson(url) {
  const r = await fetch(url, { headers: ownUrl(url) ? authHeaders() : {} });
  const body = await r.json().catch(() => ({}));
  if (r.status === 401 && token()) {
    try {
      setToken('');
    } catch {
      // storage refused: the token was never kept
    }
    throw new Error('the analyst token was refused; reload the page for the public view');
  }
  if (!r.ok) throw new Error(body.error || `${url}: HTTP ${r.status}`);
  return body;
}

/// Follows a link to this server with the token: a download is saved under its name, a
/// page (a chart) opens in a new tab. Plain links cannot carry a header.
export async function openWithToken(a) {
  const r = await fetch(a.href, { headers: authHeaders() });
  if (!r.ok) {
    const body = await r.json().catch(() => ({}));
    throw new Error(body.error || `${a.href}: HTTP ${r.status}`);
  }
  const url = URL.createObjectURL(await r.blob());
  if (a.hasAttribute('download')) {
    const save = document.createElement('a');
    save.href = url;
    save.download = a.getAttribute('download') || '';
    document.body.append(save);
    save.click();
    save.remove();
  } else {
    window.open(url, '_blank');
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
