// The analyst sign-in in the page's bar: checks a token against the server, keeps it for
// this tab, and reloads the page in the view it opens. Links to downloads and charts are
// followed with the token while signed in.

import { ownUrl, openWithToken, setToken, token } from './auth.js';
import { el, page, showError } from './state.js';

async function tryToken(value) {
  const r = await fetch('/api/catalog', { headers: { Authorization: `Bearer ${value}` } });
  if (r.status === 401) return 'This server does not know that token.';
  if (!r.ok) return `The server answered HTTP ${r.status}.`;
  const c = await r.json();
  return c.view === 'public' ? 'That token opens only the public view.' : '';
}

export function wireSignin() {
  const signedIn = token() !== '' && page.catalog && page.catalog.view !== 'public';
  el('signin-toggle').hidden = signedIn;
  el('signout').hidden = !signedIn;
  const badge = el('view-badge');
  badge.hidden = false;
  badge.textContent = signedIn ? 'Analyst view: true counts, not for publication' : 'Public view';
  badge.classList.toggle('analyst', signedIn);
  el('signin-toggle').addEventListener('click', () => {
    const form = el('signin');
    form.hidden = !form.hidden;
    el('signin-toggle').setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) el('token').focus();
  });
  el('signin').addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = el('token').value.trim();
    const error = el('signin-error');
    error.hidden = true;
    // A header carries only printable ASCII; the server's tokens are 16 or more of them.
    if (!/^[\x21-\x7e]{16,256}$/.test(value)) {
      error.textContent = 'A token is 16 to 256 printable characters, without spaces.';
      error.hidden = false;
      return;
    }
    try {
      const problem = await tryToken(value);
      if (problem) {
        error.textContent = problem;
        error.hidden = false;
        return;
      }
    } catch (err) {
      error.textContent = `Could not reach the server: ${err.message}`;
      error.hidden = false;
      return;
    }
    try {
      setToken(value);
    } catch {
      error.textContent = 'This browser does not let the page keep the token for the tab.';
      error.hidden = false;
      return;
    }
    location.reload();
  });
  el('signout').addEventListener('click', () => {
    setToken('');
    location.reload();
  });
  if (!signedIn) return;
  // Plain links cannot send the token: follow downloads and charts with it.
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest('a[href]');
    if (!a || !ownUrl(a.href) || a.id === 'briefing-open') return;
    const path = new URL(a.href).pathname;
    if (!path.startsWith('/export/') && !path.startsWith('/api/')) return;
    e.preventDefault();
    openWithToken(a).catch(showError);
  });
}
